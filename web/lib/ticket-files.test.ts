import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '$core/attachments';
import { newTicket } from '$core/ticket';
import { withNote } from '$core/ticket-changes';
import { PlainError } from './errors';
import { fittedSize, fileSize, type Photo } from './photos';
import { filesByEntry, lastAddedEntry, withPhotos } from './ticket-files';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0];
const photo = (size = 2000): Photo => {
	const bytes = new Uint8Array(size);
	bytes.set(JPEG_HEAD);
	return { type: 'image/jpeg', blob: new Blob([bytes], { type: 'image/jpeg' }), bytes, width: 800, height: 600 };
};
const ticket = newTicket(
	{ number: 'K7M-4QX', requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web', title: 'Printer', description: 'It jams.', building: 'north' },
	'2026-11-30T10:00:00.000Z',
	'K7M-created'
);

describe('withPhotos', () => {
	it('attaches photos as blobs, named after the entry, keeping the files the ticket had', () => {
		const first = withPhotos(ticket, null, 'K7M-created', [photo()]);
		expect(Object.keys(first._attachments ?? {})).toEqual(['K7M-created.1.jpg']);
		expect(first._attachments?.['K7M-created.1.jpg'].data).toBeInstanceOf(Blob);
		const stored = { ...ticket, _attachments: { 'K7M-created.1.jpg': { content_type: 'image/jpeg', digest: 'md5-x', length: 2000, stub: true } } };
		const noted = withNote(stored, { by: 'ann', at: '2026-11-30T11:00:00.000Z', id: 'K7M-note' }, 'Here is the screen.');
		const entry = lastAddedEntry(stored, noted);
		expect(entry?.id).toBe('K7M-note-n');
		const second = withPhotos(noted, stored, entry?.id ?? '', [photo()]);
		expect(Object.keys(second._attachments ?? {}).sort()).toEqual(['K7M-created.1.jpg', 'K7M-note-n.1.jpg']);
	});

	it('refuses on the device what the gateway would refuse, in the same words', () => {
		const call = () => withPhotos(ticket, null, 'K7M-created', [photo(MAX_FILE_BYTES + 1)]);
		expect(call).toThrow(PlainError);
		expect(call).toThrow(/a file can be at most 5 MB/);
		expect(() => withPhotos(ticket, null, 'not-an-entry', [photo()])).toThrow(/named after the note it belongs to/);
	});

	it('returns the ticket as it is without photos', () => {
		expect(withPhotos(ticket, null, 'K7M-created', [])).toBe(ticket);
	});
});

describe('filesByEntry', () => {
	it('groups files by their entry; a file named after no entry goes with the first', () => {
		const files = {
			'K7M-created.1.jpg': { content_type: 'image/jpeg' },
			'recording.wav': { content_type: 'audio/wav' },
			'K7M-created.2.pdf': { content_type: 'application/pdf' },
			'old.html': { content_type: 'text/html' }
		};
		const byEntry = filesByEntry({ ...ticket, _attachments: files });
		expect(byEntry.get('K7M-created')).toEqual([
			{ name: 'K7M-created.1.jpg', kind: 'image' },
			{ name: 'K7M-created.2.pdf', kind: 'document' },
			{ name: 'old.html', kind: 'document' },
			{ name: 'recording.wav', kind: 'audio' }
		]);
	});
});

describe('photo sizes', () => {
	it('fits the long side into 1600 px, keeps proportions and never enlarges', () => {
		expect(fittedSize(4032, 3024)).toEqual({ width: 1600, height: 1200 });
		expect(fittedSize(1170, 2532)).toEqual({ width: 739, height: 1600 });
		expect(fittedSize(800, 600)).toEqual({ width: 800, height: 600 });
		expect(fittedSize(0, 0)).toEqual({ width: 1, height: 1 });
	});

	it('says sizes in KB or MB', () => {
		expect(fileSize(200)).toBe('1 KB');
		expect(fileSize(245_000)).toBe('239 KB');
		expect(fileSize(1_300_000)).toBe('1.2 MB');
	});
});
