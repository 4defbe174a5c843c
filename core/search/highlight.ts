/** A piece of text to show, marked when it is a word the search matched. Shown as text, never as HTML. */
export interface TextPart {
	text: string;
	match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits a text into parts, marking each word that is one of the matched terms (compared in lower case). */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
	const wanted = new Set(terms.map((t) => t.toLowerCase()));
	const parts: TextPart[] = [];
	let last = 0;
	const push = (part: TextPart) => {
		const previous = parts[parts.length - 1];
		if (previous && previous.match === part.match) previous.text += part.text;
		else parts.push(part);
	};
	for (const m of text.matchAll(WORD)) {
		if (!wanted.has(m[0].toLowerCase())) continue;
		if (m.index > last) push({ text: text.slice(last, m.index), match: false });
		push({ text: m[0], match: true });
		last = m.index + m[0].length;
	}
	if (last < text.length) push({ text: text.slice(last), match: false });
	return parts;
}

/** Whether any word of the text is one of the terms. */
export function mentions(text: string, terms: readonly string[]): boolean {
	return highlightParts(text, terms).some((p) => p.match);
}

/**
 * About `length` characters of a text around its first matched word, cut at spaces, with "…" where it was cut; the
 * text's start when no word matches.
 */
export function excerpt(text: string, terms: readonly string[], length = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= length) return flat;
	const parts = highlightParts(flat, terms);
	const firstMatch = parts.findIndex((p) => p.match);
	const at = firstMatch < 0 ? 0 : parts.slice(0, firstMatch).reduce((sum, p) => sum + p.text.length, 0);
	let from = Math.max(0, Math.min(at - Math.floor(length / 3), flat.length - length));
	if (from > 0) from = flat.indexOf(' ', from) + 1 || from;
	let to = Math.min(flat.length, from + length);
	if (to < flat.length) to = flat.lastIndexOf(' ', to) > from ? flat.lastIndexOf(' ', to) : to;
	return `${from > 0 ? '…' : ''}${flat.slice(from, to).trim()}${to < flat.length ? '…' : ''}`;
}
