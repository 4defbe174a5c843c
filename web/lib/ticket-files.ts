import { attachmentEntry, attachmentName, attachmentsProblem, servedAs } from '$core/attachments';
import type { HistoryEntry, Ticket } from '$core/schemas';
import { PlainError } from './errors';
import type { LocalDb } from './local-db';
import type { Photo } from './photos';

/** A file shown in a ticket's timeline. */
export interface TimelineFile {
	name: string;
	kind: 'image' | 'audio' | 'document';
}

/**
 * The ticket with photos attached to one of its entries, after the check the gateway makes (core's rule), so what the
 * server would refuse is never saved; throws the reason, in words for the person.
 */
export function withPhotos(ticket: Ticket, before: Ticket | null, entryId: string, photos: readonly Photo[]): Ticket {
	if (!photos.length) return ticket;
	const kept = ticket._attachments ?? {};
	const names = photos.map((photo, i) => attachmentName(entryId, i, photo.type));
	const files = (data: (photo: Photo) => unknown) =>
		({ ...kept, ...Object.fromEntries(photos.map((photo, i) => [names[i], { content_type: photo.type, data: data(photo) }])) }) as Ticket['_attachments'];
	const problem = attachmentsProblem({ ...ticket, _attachments: files((p) => p.bytes) }, before, { writer: 'person' });
	if (problem) throw new PlainError(problem);
	return { ...ticket, _attachments: files((p) => p.blob) };
}

/** The entry a change added last: the one its photo belongs to. */
export function lastAddedEntry(before: Ticket, after: Ticket): HistoryEntry | undefined {
	const known = new Set(before.history.map((e) => e.id));
	return after.history.filter((e) => !known.has(e.id)).at(-1);
}

/** A ticket's files by the entry they belong to; a file named after no entry (a voicemail) goes with the first. */
export function filesByEntry(ticket: Ticket): Map<string, TimelineFile[]> {
	const byEntry = new Map<string, TimelineFile[]>();
	const ids = new Set(ticket.history.map((e) => e.id));
	for (const [name, meta] of Object.entries(ticket._attachments ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
		const { type } = servedAs(meta.content_type);
		const kind = type.startsWith('image/') ? 'image' : type.startsWith('audio/') ? 'audio' : 'document';
		const named = attachmentEntry(name);
		const entry = named && ids.has(named) ? named : ticket.history[0].id;
		byEntry.set(entry, [...(byEntry.get(entry) ?? []), { name, kind }]);
	}
	return byEntry;
}

/** A file of a ticket from this device's database, as a URL the page can show; call the returned `release` when done. */
export async function openFile(db: LocalDb, ticketId: string, name: string): Promise<{ url: string; release: () => void }> {
	const blob = (await db.getAttachment(ticketId, name)) as Blob;
	const url = URL.createObjectURL(blob);
	return { url, release: () => URL.revokeObjectURL(url) };
}
