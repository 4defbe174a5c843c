/** A text folded for matching, with the span of the original text each of its UTF-16 units came from. */
export interface FoldedText {
	text: string;
	starts: readonly number[];
	ends: readonly number[];
	/** Each character is the original one at the same place (starts and ends are then left empty). */
	identity?: boolean;
}

/** Invisible characters: format characters (zero-width space and joiners, soft hyphen, bidi marks), fillers, selectors. */
const INVISIBLE = /^[\p{Cf}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFFA0\uFE00-\uFE0F]$/u;

/** Cyrillic and Greek letters that look like Latin ones, folded to the Latin letter they imitate. */
const CONFUSABLES: Record<string, string> = Object.fromEntries(
	[
		'аa еe оo рp сc уy хx іi јj ѕs ԁd ԛq ԝw һh ӏl ҽe ɑa',
		'АA ВB ЕE КK МM НH ОO РP СC ТT ХX УY ІI ЈJ ЅS ԜW',
		'αa οo ρp νv ιi κk τt χx υu εe',
		'ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX'
	]
		.join(' ')
		.split(' ')
		.map((pair) => [pair[0] as string, pair[1] as string])
);

/** Words a person may spell out letter by letter ("P a s s w o r d") to get past the guard. */
const SPELLED_LABEL =
	/^(?:pass(?:word|wort|wd|code|phrase)?s?|kennwort|pwd|pin(?:code)?|contrase[ñn]a|clave|motdepasse|mdp|senha|log-?in|user(?:name)?|token|secret|creds?|credentials?)$/i;

/** What may stand between the letters of a spelled-out word: one to three spaces, or a dot, dash, underscore or star. */
const GAP = String.raw`(?:[^\S\n]{1,3}|[.\-_*·•])`;
/** A word, one or more single letters, then maybe a word: where a spelled-out label can be. */
const SPELLED_RUN = new RegExp(String.raw`\p{L}+(?:${GAP}\p{L}(?!\p{L}))+(?:${GAP}\p{L}+)?`, 'gu');
const SPELLING_GAP = new RegExp(String.raw`^${GAP}$`);
const LONGEST_LABEL = 12;

interface Span {
	from: number;
	to: number;
}

/** The labels spelled out in one run: three or more pieces, every inner piece one letter, joined into a label. */
function labelsInRun(text: string, run: string, offset: number): Span[] {
	const words = [...run.matchAll(/\p{L}+/gu)].map((m) => ({ from: offset + m.index, to: offset + m.index + m[0].length, text: m[0] }));
	const found: Span[] = [];
	for (let i = 0; i < words.length; i++) {
		let joined = words[i]?.text ?? '';
		let best = -1;
		for (let j = i + 1; j < words.length && joined.length <= LONGEST_LABEL; j++) {
			const prev = words[j - 1] as (typeof words)[number];
			const word = words[j] as (typeof words)[number];
			if (!SPELLING_GAP.test(text.slice(prev.to, word.from)) || (j - 1 > i && prev.text.length > 1)) break;
			joined += word.text;
			if (j - i >= 2 && SPELLED_LABEL.test(joined)) best = j;
		}
		if (best >= 0) {
			found.push({ from: words[i]?.from ?? 0, to: words[best]?.to ?? 0 });
			i = best;
		}
	}
	return found;
}

function spelledLabels(text: string): Span[] {
	return [...text.matchAll(SPELLED_RUN)].flatMap((m) => labelsInRun(text, m[0], m.index));
}

type Builder = { chars: string[]; starts: number[]; ends: number[] };

/** Appends characters that all came from original[start, end). */
function push(out: Builder, chars: string, start: number, end: number) {
	out.chars.push(chars);
	for (let i = 0; i < chars.length; i++) {
		out.starts.push(start);
		out.ends.push(end);
	}
}

/** Appends characters copied unchanged from the original, starting at `start`. */
function copyRun(out: Builder, chars: string, start: number) {
	out.chars.push(chars);
	for (let i = 0; i < chars.length; i++) {
		out.starts.push(start + i);
		out.ends.push(start + i + 1);
	}
}

/** NFKC per character with its combining marks, invisible characters dropped, look-alike letters folded. */
function normalizeChars(text: string): FoldedText {
	if (!/[^\x00-\x7F]/.test(text)) return { text, starts: [], ends: [], identity: true };
	const out: Builder = { chars: [], starts: [], ends: [] };
	const composed = text.normalize('NFKC') === text;
	// Plain ASCII not followed by a combining mark needs no folding: copied one to one, which keeps long texts fast.
	for (const m of text.matchAll(/[\x00-\x7F]+(?!\p{M})|\P{M}\p{M}*|\p{M}+/gsu)) {
		const start = m.index;
		if (m[0].charCodeAt(m[0].length - 1) < 0x80) {
			copyRun(out, m[0], start);
			continue;
		}
		const end = start + m[0].length;
		for (const ch of composed ? m[0] : m[0].normalize('NFKC')) {
			if (!INVISIBLE.test(ch)) push(out, CONFUSABLES[ch] ?? ch, start, end);
		}
	}
	return { text: out.chars.join(''), starts: out.starts, ends: out.ends };
}

/** Joins the letters of a spelled-out label ("P a s s w o r d" becomes "Password"); other text is kept. */
function joinSpelledLabels(folded: FoldedText): FoldedText {
	const runs = spelledLabels(folded.text);
	if (!runs.length) return folded;
	const out: Builder = { chars: [], starts: [], ends: [] };
	let at = 0;
	const copy = (from: number, to: number, lettersOnly: boolean) => {
		for (let i = from; i < to; i++) {
			const ch = folded.text[i] as string;
			const span = originalSpan(folded, i, i + 1);
			if (!lettersOnly || /\p{L}/u.test(ch)) push(out, ch, span.start, span.end);
		}
	};
	for (const run of runs) {
		copy(at, run.from, false);
		copy(run.from, run.to, true);
		at = run.to;
	}
	copy(at, folded.text.length, false);
	return { text: out.chars.join(''), starts: out.starts, ends: out.ends };
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
