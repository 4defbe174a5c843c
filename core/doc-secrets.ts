import type { HistoryEntry, ReplicatedDoc, Ticket } from './schemas';
import { findSecrets } from './secrets';

/** A free-text field a write sets, named the way a person knows it. */
export interface WrittenText {
	field: string;
	text: string;
}

type Named = readonly (readonly [field: string, text: string | undefined])[];

/** The texts of an entry that is new in this write. */
function entryTexts(entry: HistoryEntry): Named {
	switch (entry.kind) {
		case 'created':
			return [['room', entry.fields.room]];
		case 'note':
			return [['note', entry.text]];
		case 'escalate':
			return [['escalation reason', entry.reason]];
		case 'set':
			return [['room', entry.changes.room]];
		case 'transcript':
			return [['voicemail transcript', entry.text]];
		default:
			return [];
	}
}

/** Every free-text field of a document, by type (a ticket's history entries apart). */
function texts(doc: ReplicatedDoc): Named {
	switch (doc.type) {
		case 'ticket':
			return [
				['title', doc.title],
				['description', doc.description],
				['requester’s name', doc.requesterName],
				['room', doc.room],
				['contact phone', doc.contactPhone]
			];
		case 'kb':
			return [['article title', doc.title], ['article text', doc.body], ...doc.tags.map((tag) => ['tag', tag] as const)];
		case 'user':
			return [['name', doc.name], ['phone', doc.phone], ['employee id', doc.employeeId]];
		case 'building':
			return [['building name', doc.name], ['building phone', doc.phone]];
		case 'category':
			return [['category name', doc.name], ['category description', doc.description]];
		case 'calendar':
			return [...doc.closures.map((c) => ['closure', c.summary] as const), ...doc.overrides.map((o) => ['schedule name', o.label] as const)];
		case 'sla-policy':
			return [['policy name', doc.name], ['policy source', doc.source]];
		case 'outage':
			return [
				['outage description', doc.description],
				...doc.services.map((service) => ['service', service] as const),
				...doc.progress.map((note) => ['progress note', note.text] as const)
			];
		case 'notification':
			return [['notification', doc.text]];
		case 'phone-line':
			return [...(['en', 'es'] as const).flatMap((lang) => Object.values(doc.prompts[lang]).map((text) => ['phone line prompt', text] as const))];
		case 'sla-settings':
		case 'outage-affected':
		case 'notify-prefs':
		case 'call':
		case 'voicemail':
			return [];
	}
}

function newEntries(old: ReplicatedDoc | null, next: Ticket): HistoryEntry[] {
	if (old?.type !== 'ticket') return next.history;
	const known = new Set(old.history.map((e) => e.id));
	return next.history.filter((e) => !known.has(e.id));
}

/** A field and its text as one string, to tell a text kept as stored from a changed one. */
function textKey(field: string, text: string | undefined): string {
	return `${field}\u0000${text ?? ''}`;
}

/**
 * The free-text fields a write adds or changes, with the texts of the history entries it adds. A field kept as it
 * was stored is left out: it was judged when it was written, and an old text must not block every later change.
 */
export function writtenTexts(old: ReplicatedDoc | null, next: ReplicatedDoc): WrittenText[] {
	// Plain loops: this runs for every document a device pushes.
	const kept = old?.type === next.type ? new Set(texts(old).map(([field, text]) => textKey(field, text))) : null;
	const out: WrittenText[] = [];
	for (const [field, text] of texts(next)) if (text && !kept?.has(textKey(field, text))) out.push({ field, text });
	if (next.type !== 'ticket') return out;
	for (const entry of newEntries(old, next)) for (const [field, text] of entryTexts(entry)) if (text) out.push({ field, text });
	return out;
}

/** Why one field's text may not be saved (it holds a password or other secret), with the secret masked; or null. */
export function fieldSecretRefusal(field: string, text: string): string | null {
	const found = findSecrets(text)[0];
	if (!found) return null;
	const masked = text.slice(found.start, found.end).replace(/./gsu, '•');
	return `${found.reason} It is in the ${field}: remove "${masked}" and save again.`;
}

/** Why a write is refused because a field it adds or changes holds a password or other secret; or null. */
export function secretRefusal(old: ReplicatedDoc | null, next: ReplicatedDoc): string | null {
	for (const { field, text } of writtenTexts(old, next)) {
		const refusal = fieldSecretRefusal(field, text);
		if (refusal) return refusal;
	}
	return null;
}
