/** A text folded for matching, with the span of the original text each of its UTF-16 units came from. */
export interface FoldedText {
	text: string;
	starts: ArrayLike<number>;
	ends: ArrayLike<number>;
	/** Each character is the original one at the same place (starts and ends are then left empty). */
	identity?: boolean;
}

/** Invisible characters: format characters (zero-width space and joiners, soft hyphen, bidi marks), fillers, selectors. */
const INVISIBLE_CLASS = String.raw`[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F]`;
const INVISIBLE = new RegExp(`^${INVISIBLE_CLASS}$`, 'u');
const INVISIBLE_ANYWHERE = new RegExp(INVISIBLE_CLASS, 'u');

/** Cyrillic and Greek letters that look like Latin ones, folded to the Latin letter they imitate (by char code). */
const CONFUSABLES = new Map<number, string>(
	[
		'аa еe оo рp сc уy хx іi јj ѕs ԁd ԛq ԝw һh ӏl ҽe ɑa',
		'АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ІI ЈJ ЅS ԜW',
		'αa οo ρp νv ιi κk τt χx υu εe',
		'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX'
	]
		.join(' ')
		.split(' ')
		.map((pair) => [pair.charCodeAt(0), pair[1] as string])
);

/** Words a person may spell out letter by letter ("P a s s w o r d") to get past the guard. */
const SPELLED_LABELS: readonly string[] = (
	'pass passes password passwords passwort passwd passcode passphrase kennwort wachtwoord pwd pin pincode contraseña contrasena ' +
	'clave motdepasse mdp senha login user username token secret cred creds credential credentials'
).split(' ');
const LABEL_PREFIXES = new Set(SPELLED_LABELS.flatMap((label) => [...label].map((_, i) => label.slice(0, i + 1))));
const isLabel = (letters: string) => SPELLED_LABELS.includes(letters.toLowerCase());
const mayBecomeLabel = (letters: string) => letters.length <= 12 && LABEL_PREFIXES.has(letters.toLowerCase());

/** What may stand between the letters of a spelled-out word: one to three spaces, or a dot, dash, underscore or star. */
const GAP = String.raw`(?:[^\S\n]{1,3}|[.\-_*·•])`;
/** A word, one or more single letters, then maybe a word: where a spelled-out label can be. */
const SPELLED_RUN = new RegExp(String.raw`\p{L}+(?:${GAP}\p{L}(?!\p{L}))+(?:${GAP}\p{L}+)?`, 'gu');
const SPELLING_GAP = new RegExp(String.raw`^${GAP}$`);

interface Span {
	from: number;
	to: number;
}

/** The labels spelled out in one run: three or more pieces, every inner piece one letter, joined into a label. */
function labelsInRun(text: string, run: string, offset: number): Span[] {
	const words: { from: number; to: number; text: string }[] = [];
	// exec, not matchAll: on Node 20 matchAll costs a microsecond or more per match, and a run can hold thousands.
	const letters = /\p{L}+/gu;
	for (let m = letters.exec(run); m; m = letters.exec(run)) words.push({ from: offset + m.index, to: offset + m.index + m[0].length, text: m[0] });
	const found: Span[] = [];
	for (let i = 0; i < words.length; i++) {
		let joined = words[i]?.text ?? '';
		let best = -1;
		for (let j = i + 1; j < words.length && mayBecomeLabel(joined); j++) {
			const prev = words[j - 1] as (typeof words)[number];
			const word = words[j] as (typeof words)[number];
			if (!SPELLING_GAP.test(text.slice(prev.to, word.from)) || (j - 1 > i && prev.text.length > 1)) break;
			joined += word.text;
			if (j - i >= 2 && isLabel(joined)) best = j;
		}
		if (best >= 0) {
			found.push({ from: words[i]?.from ?? 0, to: words[best]?.to ?? 0 });
			i = best;
		}
	}
	return found;
}

function spelledLabels(text: string): Span[] {
	const found: Span[] = [];
	const runs = new RegExp(SPELLED_RUN.source, SPELLED_RUN.flags);
	for (let m = runs.exec(text); m; m = runs.exec(text)) found.push(...labelsInRun(text, m[0], m.index));
	return found;
}

/** Builds a folded text in typed arrays (code units and spans): a string or array entry per character is slow on long texts. */
class Builder {
	#units: Uint16Array;
	#starts: Int32Array;
	#ends: Int32Array;
	#length = 0;

	constructor(capacity: number) {
		const size = Math.max(16, capacity);
		this.#units = new Uint16Array(size);
		this.#starts = new Int32Array(size);
		this.#ends = new Int32Array(size);
	}

	#room(more: number) {
		if (this.#length + more <= this.#units.length) return;
		const size = Math.max(this.#units.length * 2, this.#length + more);
		const grow = <T extends Uint16Array | Int32Array>(old: T, next: T) => (next.set(old), next);
		this.#units = grow(this.#units, new Uint16Array(size));
		this.#starts = grow(this.#starts, new Int32Array(size));
		this.#ends = grow(this.#ends, new Int32Array(size));
	}

	/** Appends folded.text[from, to) unchanged, each unit keeping the span it came from. */
	copy(folded: FoldedText, from: number, to: number) {
		this.#room(to - from);
		for (let i = from; i < to; i++, this.#length++) {
			this.#units[this.#length] = folded.text.charCodeAt(i);
			this.#starts[this.#length] = folded.identity ? i : (folded.starts[i] ?? 0);
			this.#ends[this.#length] = folded.identity ? i + 1 : (folded.ends[i] ?? 0);
		}
	}

	/** Appends characters that all came from original[start, end). */
	push(chars: string, start: number, end: number) {
		this.#room(chars.length);
		for (let i = 0; i < chars.length; i++, this.#length++) {
			this.#units[this.#length] = chars.charCodeAt(i);
			this.#starts[this.#length] = start;
			this.#ends[this.#length] = end;
		}
	}

	done(): FoldedText {
		let text = '';
		for (let at = 0; at < this.#length; at += 8192) {
			text += String.fromCharCode(...this.#units.subarray(at, Math.min(this.#length, at + 8192)));
		}
		return { text, starts: this.#starts.subarray(0, this.#length), ends: this.#ends.subarray(0, this.#length) };
	}
}

const MARK = /\p{M}/u;

/** NFKC per character with its combining marks, invisible characters dropped, look-alike letters folded. */
function normalizeChars(text: string): FoldedText {
	if (!/[^\x00-\x7F]/.test(text)) return { text, starts: [], ends: [], identity: true };
	const out = new Builder(text.length);
	const original: FoldedText = { text, starts: [], ends: [], identity: true };
	const composed = text.normalize('NFKC') === text;
	const marks = MARK.test(text);
	const isMark = (code: number) => marks && code >= 0x300 && MARK.test(String.fromCharCode(code));
	const invisible = INVISIBLE_ANYWHERE.test(text);
	const isInvisible = (code: number) => invisible && code >= 0xad && INVISIBLE.test(String.fromCharCode(code));
	// Characters that need no change are copied as one slice, from `kept` up to the one that does.
	let kept = 0;
	for (let start = 0; start < text.length; ) {
		const code = text.charCodeAt(start);
		let end = start + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
		while (end < text.length && isMark(text.charCodeAt(end))) end++;
		const single = end === start + 1 && (composed || code < 0xa0);
		const latin = single ? CONFUSABLES.get(code) : undefined;
		if (latin !== undefined) {
			out.copy(original, kept, start);
			out.push(latin, start, end);
			kept = end;
		} else if (!single || isInvisible(code)) {
			out.copy(original, kept, start);
			const segment = text.slice(start, end);
			for (const ch of composed ? segment : segment.normalize('NFKC')) {
				if (!invisible || !INVISIBLE.test(ch)) out.push(CONFUSABLES.get(ch.charCodeAt(0)) ?? ch, start, end);
			}
			kept = end;
		}
		start = end;
	}
	out.copy(original, kept, text.length);
	return out.done();
}

/** Joins the letters of a spelled-out label ("P a s s w o r d" becomes "Password"); other text is kept. */
function joinSpelledLabels(folded: FoldedText): FoldedText {
	const runs = spelledLabels(folded.text);
	if (!runs.length) return folded;
	const out = new Builder(folded.text.length);
	let at = 0;
	for (const run of runs) {
		out.copy(folded, at, run.from);
		for (let i = run.from; i < run.to; i++) {
			const span = originalSpan(folded, i, i + 1);
			if (/\p{L}/u.test(folded.text[i] as string)) out.push(folded.text[i] as string, span.start, span.end);
		}
		at = run.to;
	}
	out.copy(folded, at, folded.text.length);
	return out.done();
}

/** Folds a text for secret matching: NFKC, no invisible characters, Latin look-alikes, spelled-out labels joined. */
export function foldText(text: string): FoldedText {
	return joinSpelledLabels(normalizeChars(text));
}

/** The span of the original text that a span of the folded text came from. */
export function originalSpan(folded: FoldedText, start: number, end: number): { start: number; end: number } {
	if (folded.identity) return { start, end };
	return { start: folded.starts[start] ?? 0, end: folded.ends[Math.max(start, end - 1)] ?? 0 };
}
