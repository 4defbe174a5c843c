/**
 * Files on documents, checked the same way by the device before it saves and by the gateway before it stores.
 *
 * - Only tickets and voicemails carry files. People, buildings, categories and help articles carry none (help articles
 *   are text).
 * - People attach photos and screenshots (PNG, JPEG, WebP) and PDFs to tickets. Audio (WAV, MP3 voicemail) is written by
 *   the server only; a person's write may carry it back unchanged.
 * - A voicemail carries its recording, written by the server (which also deletes it after the retention). A coordinator's
 *   write of a voicemail (moving it to another ticket) carries the recording back exactly as it was, or not at all when
 *   the server had none: a person never adds, replaces or removes it.
 * - A person's file is named after the history entry it belongs to (`<entry id>.<n>.<ext>`), so the timeline shows
 *   it there, and its bytes must be what its type says.
 * - Like the history, files are kept: a write keeps every file the ticket had, unchanged.
 * - At most 5 MB a file, 10 MB and 10 files a ticket: a ticket with all its files (base64, a third larger) must fit
 *   in one request to the gateway. Photos are made smaller on the device, to a few hundred KB.
 */

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_TICKET_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

/** The file types people may attach, with the extension their names end in. */
export const PEOPLES_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'application/pdf': 'pdf' } as const;
/** Every type the product stores: people's types and the server's voicemail audio. */
export const STORED_TYPES = { ...PEOPLES_TYPES, 'audio/wav': 'wav', 'audio/mpeg': 'mp3' } as const;
export type StoredType = keyof typeof STORED_TYPES;

/** Who writes: a person (through a device and the gateway) or the server itself (voicemail). */
export type Writer = 'person' | 'server';

export interface AttachmentRules {
	writer: Writer;
	/** The CouchDB digest (`md5-…`) of base64 data; lets a write carry a stored file again as data, not as a stub. */
	digestOf?: (base64: string) => string;
}

/** A document as far as its files are concerned. `data` is base64 (as replicated) or bytes (on the device). */
export type WithAttachments = {
	type?: unknown;
	history?: readonly { id: string }[];
	_attachments?: unknown;
};

type Sent = { content_type?: unknown; data?: unknown; stub?: unknown; digest?: unknown; length?: unknown };

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const PERSON_NAME = /^(.+)\.([1-9]\d?)\.([a-z0-9]+)$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isStored = (type: unknown): type is StoredType => typeof type === 'string' && Object.hasOwn(STORED_TYPES, type);
const isPeoples = (type: unknown): type is keyof typeof PEOPLES_TYPES => typeof type === 'string' && Object.hasOwn(PEOPLES_TYPES, type);
const records = (value: unknown): Record<string, Sent> =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Sent>) : {};

/** Megabytes in words, rounded up to one decimal so a file just over a limit does not read as equal to it. */
function mb(bytes: number): string {
	return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toString()} MB`;
}

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of base64 data, decoded without decoding the rest. */
function headOf(base64: string): Uint8Array {
	const out: number[] = [];
	let buffer = 0;
	let bits = 0;
	for (const char of base64.slice(0, 16).replace(/=+$/, '')) {
		buffer = ((buffer << 6) | BASE64_DIGITS.indexOf(char)) & 0xffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out.push((buffer >> bits) & 0xff);
		}
	}
	return new Uint8Array(out);
}

const ascii = (head: Uint8Array, from: number, text: string) => [...text].every((c, i) => head[from + i] === c.charCodeAt(0));

/** Whether a file's first bytes are those of its type (its "magic number"). */
export function bytesMatchType(head: Uint8Array, type: StoredType): boolean {
	switch (type) {
		case 'image/png':
			return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b);
		case 'image/jpeg':
			return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
		case 'image/webp':
			return ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP');
		case 'application/pdf':
			return ascii(head, 0, '%PDF-');
		case 'audio/wav':
			return ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE');
		case 'audio/mpeg':
			return ascii(head, 0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0);
	}
}

const KIND_WORDS: Record<StoredType, string> = {
	'image/png': 'a PNG image',
	'image/jpeg': 'a JPEG image',
	'image/webp': 'a WebP image',
	'application/pdf': 'a PDF',
	'audio/wav': 'WAV audio',
	'audio/mpeg': 'MP3 audio'
};

/** Size and first bytes of sent data, or why it is not a file. */
function readData(name: string, data: unknown): { size: number; head: Uint8Array } | string {
	if (data instanceof Uint8Array) return { size: data.length, head: data.subarray(0, 12) };
	if (typeof data !== 'string' || data.length % 4 !== 0 || !BASE64.test(data)) return `The attachment ${name} needs its data as a base64 string.`;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return { size: (data.length / 4) * 3 - padding, head: headOf(data) };
}

/** What is wrong with a person's name for a file: it names an entry of the ticket and ends in its type's extension. */
function nameProblem(name: string, type: StoredType, doc: WithAttachments): string | null {
	const match = PERSON_NAME.exec(name);
	const entries = new Set((doc.history ?? []).map((e) => e.id));
	if (!match || !entries.has(match[1]) || match[3] !== STORED_TYPES[type])
		return `The file ${name} must be named after the note it belongs to, like <entry id>.1.${STORED_TYPES[type]}.`;
	return null;
}

/**
 * What is wrong with a document's files compared with the version it replaces, in words a person can act on;
 * null when they may be stored.
 */
export function attachmentsProblem(doc: WithAttachments, old: { _attachments?: unknown; [key: string]: unknown } | null, rules: AttachmentRules): string | null {
	const sent = records(doc._attachments);
	const before = records(old?._attachments);
	const names = Object.keys(sent);
	if (doc._attachments !== undefined && (typeof doc._attachments !== 'object' || doc._attachments === null || Array.isArray(doc._attachments)))
		return 'The attachments (_attachments) must be an object of named files.';
	if (names.length && doc.type !== 'ticket' && doc.type !== 'voicemail') return 'Only tickets carry files: remove the attachments from this document.';
	if (doc.type === 'voicemail') {
		const problem = voicemailFilesProblem(names, sent, before, rules.writer);
		if (problem) return problem;
	}
	if (names.length > MAX_FILES) return `A ticket carries at most ${MAX_FILES} files, and this one would have ${names.length}: leave the new file out.`;
	for (const [name, was] of Object.entries(before)) {
		// A file the product no longer accepts may be dropped; every other one stays, like the history it belongs to.
		if (!Object.hasOwn(sent, name) && isStored(was.content_type) && doc.type === 'ticket')
			return `The file ${name} cannot be removed: a ticket keeps its files. Save again with it.`;
	}
	let total = 0;
	for (const name of names) {
		const att = sent[name] && typeof sent[name] === 'object' ? sent[name] : ({} as Sent);
		const type = att.content_type;
		const stored = Object.hasOwn(before, name) ? before[name] : undefined;
		if (att.stub === true) {
			if (!stored || typeof att.digest !== 'string' || stored.digest !== att.digest)
				return `The attachment ${name} is a stub of an attachment this document does not have; send its data.`;
			if (stored.content_type !== type) return `The file ${name} keeps its type (${String(stored.content_type)}); it cannot be relabelled.`;
			total += typeof stored.length === 'number' ? stored.length : 0;
			continue;
		}
		const read = readData(name, att.data);
		if (typeof read === 'string') return read;
		total += read.size;
		if (stored) {
			// A device sends every file of a ticket it pushes; one it already had must come back exactly as it was.
			const same = stored.content_type === type && typeof att.data === 'string' && rules.digestOf?.(att.data) === stored.digest;
			if (!same) return `The file ${name} is already on this ticket and cannot be replaced; attach the new one under a new name.`;
			continue;
		}
		if (!SAFE_NAME.test(name)) return `The file name ${JSON.stringify(name.slice(0, 60))} may use only letters, digits, dots, dashes and underscores.`;
		const allowed = rules.writer === 'server' ? isStored(type) : isPeoples(type);
		if (!allowed) {
			return `Only photos (PNG, JPEG or WebP) and PDF files can be attached; ${name} is ${typeof type === 'string' && type ? type.slice(0, 100) : 'of no stated type'}.`;
		}
		if (!bytesMatchType(read.head, type as StoredType))
			return `The file ${name} is labelled ${type} but its contents are not ${KIND_WORDS[type as StoredType]}.`;
		if (read.size > MAX_FILE_BYTES)
			return `The file ${name} is ${mb(read.size)}; a file can be at most ${mb(MAX_FILE_BYTES)}. Photos taken in the app are made smaller for you.`;
		if (rules.writer === 'person') {
			const badName = nameProblem(name, type as StoredType, doc);
			if (badName) return badName;
		}
	}
	if (total > MAX_TICKET_BYTES)
		return `The files on this ticket add up to ${mb(total)}; a ticket can carry at most ${mb(MAX_TICKET_BYTES)}. Attach fewer or smaller files.`;
	return null;
}

/** What is wrong with a voicemail's files before the checks every file gets: audio only, and a person changes none. */
function voicemailFilesProblem(names: readonly string[], sent: Record<string, Sent>, before: Record<string, Sent>, writer: Writer): string | null {
	const notAudio = names.find((name) => sent[name]?.content_type !== 'audio/wav' && sent[name]?.content_type !== 'audio/mpeg');
	if (notAudio !== undefined) return `A voicemail carries only its recording (WAV or MP3 audio); ${notAudio} is not one.`;
	if (writer === 'server') return null;
	const added = names.find((name) => !Object.hasOwn(before, name));
	if (added !== undefined) return `A voicemail’s recording comes from the phone line: ${added} cannot be added from a device.`;
	const removed = Object.keys(before).find((name) => !Object.hasOwn(sent, name));
	if (removed !== undefined) return `The recording ${removed} stays with the voicemail: save again with it.`;
	return null;
}

/** The name of the `index`th file (from 0) of a history entry. */
export function attachmentName(entryId: string, index: number, type: keyof typeof PEOPLES_TYPES): string {
	return `${entryId}.${index + 1}.${PEOPLES_TYPES[type]}`;
}

/** The history entry a file belongs to, from its name; null for a name that follows no entry (the server's own). */
export function attachmentEntry(name: string): string | null {
	return PERSON_NAME.exec(name)?.[1] ?? null;
}

/** How the gateway serves a stored file: its type only if the product stores that type, inline only for images and audio. */
export function servedAs(contentType: unknown): { type: string; inline: boolean } {
	if (!isStored(contentType)) return { type: 'application/octet-stream', inline: false };
	return { type: contentType, inline: contentType.startsWith('image/') || contentType.startsWith('audio/') };
}

type Meta = { content_type?: unknown; length?: unknown };

/**
 * The files of conflicting versions of a ticket that a merge adds to the winner's, so a photo added on another
 * device is not lost: by name, taken from the first version that has it, as long as the caps hold.
 */
export function filesToUnion(winner: Record<string, Meta>, others: readonly Record<string, Meta>[]): { name: string; version: number }[] {
	const size = (m: Meta) => (typeof m.length === 'number' ? m.length : 0);
	let count = Object.keys(winner).length;
	let total = Object.values(winner).reduce((sum, m) => sum + size(m), 0);
	const added: { name: string; version: number }[] = [];
	const seen = new Set(Object.keys(winner));
	for (const [version, files] of others.entries()) {
		for (const name of Object.keys(files).sort()) {
			const meta = files[name];
			if (seen.has(name) || !isStored(meta.content_type) || count + 1 > MAX_FILES || total + size(meta) > MAX_TICKET_BYTES) continue;
			seen.add(name);
			added.push({ name, version });
			count += 1;
			total += size(meta);
		}
	}
	return added;
}

/** A file's size in bytes, from its stored length or its base64 data. */
function fileBytes(meta: Meta & { data?: unknown }): number {
	if (typeof meta.length === 'number') return meta.length;
	return typeof meta.data === 'string' ? Math.floor((meta.data.length * 3) / 4) : 0;
}

/**
 * Why the files of a branch made from an older version cannot join the files the ticket has now, or null. The merge keeps
 * the files of every version; a branch that would push the union past the caps would make it drop some, so it is refused.
 */
export function joinedFilesProblem(current: Record<string, Meta>, branch: Record<string, Meta & { data?: unknown }>): string | null {
	const names = [...new Set([...Object.keys(current), ...Object.keys(branch)])];
	if (names.length > MAX_FILES)
		return `Files were added to this ticket while you were offline: with yours it would carry ${names.length}, and a ticket carries at most ${MAX_FILES}. Leave the new file out.`;
	const total = names.reduce((sum, name) => sum + fileBytes(current[name] ?? branch[name]), 0);
	if (total > MAX_TICKET_BYTES)
		return `Files were added to this ticket while you were offline: with yours they add up to ${mb(total)}, and a ticket carries at most ${mb(MAX_TICKET_BYTES)}.`;
	return null;
}
