import { PlainError } from './errors';

/** Photos are drawn with their long side at most this many pixels: an error message on a screen stays readable. */
export const PHOTO_MAX_SIDE = 1600;
const QUALITY = 0.8;

/** A photo or screenshot made smaller on this device, ready to attach to a ticket. */
export interface Photo {
	type: 'image/jpeg';
	blob: Blob;
	bytes: Uint8Array;
	width: number;
	height: number;
}

/** The size a picture is drawn at: its long side at most `max`, its proportions kept, never enlarged. */
export function fittedSize(width: number, height: number, max = PHOTO_MAX_SIDE): { width: number; height: number } {
	const scale = Math.min(1, max / Math.max(width, height, 1));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** "240 KB" or "1.2 MB". */
export function fileSize(bytes: number): string {
	return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Makes a photo or screenshot smaller on the device (JPEG, long side at most 1600 px), so it is quick to sync and
 * to store offline. Whatever the file was, only its pixels are kept.
 */
export async function shrinkPhoto(file: Blob): Promise<Photo> {
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file);
	} catch {
		throw new PlainError('This file is not a picture this device can open. Take a photo, or choose a PNG, JPEG or WebP image.');
	}
	const { width, height } = fittedSize(bitmap.width, bitmap.height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) throw new PlainError('This device could not prepare the photo. Try again, or use another device.');
	// A screenshot may be transparent; JPEG has no transparency, so it goes on white rather than black.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/jpeg', QUALITY));
	if (!blob) throw new PlainError('This device could not prepare the photo. Try again, or use another device.');
	return { type: 'image/jpeg', blob, bytes: new Uint8Array(await blob.arrayBuffer()), width, height };
}
