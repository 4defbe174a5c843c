/** Inline Markdown (emphasis, code, links) parsed into plain data; links only to safe targets. */

/** Text-level content: of a paragraph, a heading or a list item. */
export type Inline =
	| { type: 'text'; text: string }
	| { type: 'break' }
	| { type: 'code'; text: string }
	| { type: 'strong'; children: Inline[] }
	| { type: 'em'; children: Inline[] }
	| { type: 'link'; href: string; children: Inline[] };

// Nesting deeper than this is shown as text: a hostile "[[[[…" must not exhaust the stack when rendered.
const MAX_INLINE_DEPTH = 16;
// A link target longer than this is not looked for, so a "](" without its ")" costs little.
const MAX_DESTINATION = 2048;

/** The link target if it is safe to follow (http, https, mailto, or a path on this site); null otherwise. */
export function safeHref(raw: string): string | null {
	const url = raw.trim();
	// Control characters, spaces and backslashes are how "java\tscript:" and "/\evil.example" slip past checks.
	if (!url || /[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
	if (url.startsWith('/')) return url.startsWith('//') ? null : url;
	if (!/^(?:https?:\/\/|mailto:)/i.test(url)) return null;
	try {
		const parsed = new URL(url);
		if (parsed.protocol === 'mailto:') return url;
		return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname ? url : null;
	} catch {
		return null;
	}
}

type Opener = '*' | '**' | '_' | '__' | '[';

interface Frame {
	opener: Opener;
	nodes: Inline[];
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
// Square brackets end a bare address: "[https://a.example](https://a.example)" is link text, not one long address.
const BARE_URL = /https?:\/\/[^\s<>"'`[\]]+/iy;

function pushText(nodes: Inline[], text: string): void {
	if (!text) return;
	const last = nodes.at(-1);
	if (last?.type === 'text') nodes[nodes.length - 1] = { type: 'text', text: last.text + text };
	else nodes.push({ type: 'text', text });
}

function pushAll(nodes: Inline[], more: Inline[]): void {
	for (const node of more) {
		if (node.type === 'text') pushText(nodes, node.text);
		else nodes.push(node);
	}
}

/** A link inside a link is not allowed in HTML: the inner one keeps only its text. */
function withoutLinks(nodes: Inline[]): Inline[] {
	const out: Inline[] = [];
	for (const node of nodes) {
		if (node.type === 'link') pushAll(out, withoutLinks(node.children));
		else if (node.type === 'strong' || node.type === 'em') out.push({ ...node, children: withoutLinks(node.children) });
		else pushAll(out, [node]);
	}
	return out;
}

/** The end of a bare URL: trailing punctuation and an unmatched ")" belong to the sentence. */
function trimUrl(url: string): string {
	let unmatched = url.split(')').length - url.split('(').length;
	let end = url.length;
	while (end > 0) {
		const last = url[end - 1];
		if (last === ')' && unmatched > 0) unmatched--;
		else if (!/[.,;:!?*_~]/.test(last)) break;
		end--;
	}
	return url.slice(0, end);
}

/** A link destination "(url)" or "(url "title")" starting at `at`; the title is dropped. */
function readDestination(text: string, at: number): { raw: string; url: string } | null {
	if (text[at] !== '(') return null;
	let depth = 0;
	const limit = Math.min(text.length, at + MAX_DESTINATION);
	for (let i = at; i < limit; i++) {
		const ch = text[i];
		if (ch === '\\') i++;
		else if (ch === '\n') return null;
		else if (ch === '(') depth++;
		else if (ch === ')' && --depth === 0) {
			// Trimmed first: spaces around the target would make the pattern backtrack.
			const inside = /^<?([^\s<>]*)>?(?:\s+(?:"[^"]*"|'[^']*'))?$/.exec(text.slice(at + 1, i).trim());
			return { raw: text.slice(at, i + 1), url: inside ? inside[1].replace(/\\([!-/:-@[-`{-~])/g, '$1') : '' };
		}
	}
	return null;
}

function closingTicks(text: string, from: number, count: number): number {
	let at = text.indexOf('`', from);
	while (at >= 0) {
		let end = at;
		while (text[end] === '`') end++;
		if (end - at === count) return at;
		at = text.indexOf('`', end);
	}
	return -1;
}

/** Parses the inline Markdown of one paragraph or heading. */
export function parseInline(text: string): Inline[] {
	const root: Inline[] = [];
	const stack: Frame[] = [];
	const openCount: Record<Opener, number> = { '*': 0, '**': 0, _: 0, __: 0, '[': 0 };
	// Run lengths of backticks known to have no closing run later: a later search for them would fail too.
	const unclosedTicks = new Set<number>();
	let buffer = '';

	const nodes = () => stack.at(-1)?.nodes ?? root;
	const flush = () => {
		pushText(nodes(), buffer);
		buffer = '';
	};
	const emit = (node: Inline) => {
		flush();
		nodes().push(node);
	};
	const open = (opener: Opener) => {
		flush();
		stack.push({ opener, nodes: [] });
		openCount[opener]++;
	};
	const pop = (): Frame => {
		const frame = stack.pop() as Frame;
		openCount[frame.opener]--;
		return frame;
	};
	/** An opener that never closed was plain text after all. */
	const popAsText = () => {
		const frame = pop();
		pushText(nodes(), frame.opener);
		pushAll(nodes(), frame.nodes);
	};
	const popTo = (opener: Opener): Frame => {
		flush();
		while (stack.at(-1)?.opener !== opener) popAsText();
		return pop();
	};

	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '\\' && PUNCTUATION.test(text[i + 1] ?? '')) {
			buffer += text[i + 1];
			i += 2;
		} else if (ch === '\n') {
			emit({ type: 'break' });
			i++;
		} else if (ch === '`') {
			let end = i;
			while (text[end] === '`') end++;
			const count = end - i;
			const close = unclosedTicks.has(count) ? -1 : closingTicks(text, end, count);
			if (close < 0) {
				unclosedTicks.add(count);
				buffer += text.slice(i, end);
				i = end;
				continue;
			}
			const code = text.slice(end, close).replace(/\n/g, ' ');
			// One space each side lets a code span start or end with a backtick ("`` `x` ``"), as in CommonMark.
			const padded = code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '';
			emit({ type: 'code', text: padded ? code.slice(1, -1) : code });
			i = close + count;
		} else if (ch === '*' || ch === '_') {
			let end = i;
			while (text[end] === ch) end++;
			const run = text.slice(i, end);
			const before = text[i - 1] ?? ' ';
			const after = text[end] ?? ' ';
			// "_" inside a word (snake_case, file_name_v2) is never emphasis; "*" may be.
			const canOpen = !SPACE.test(after) && (ch === '*' || !WORD.test(before));
			const canClose = !SPACE.test(before) && (ch === '*' || !WORD.test(after));
			const opener = run as Opener;
			if (run.length > 2) buffer += run;
			else if (canClose && openCount[opener] > 0) {
				const frame = popTo(opener);
				nodes().push({ type: run.length === 2 ? 'strong' : 'em', children: frame.nodes });
			} else if (canOpen && stack.length < MAX_INLINE_DEPTH) open(opener);
			else buffer += run;
			i = end;
		} else if (ch === '[' && stack.length < MAX_INLINE_DEPTH) {
			open('[');
			i++;
		} else if (ch === ']' && openCount['['] > 0) {
			const frame = popTo('[');
			const destination = readDestination(text, i + 1);
			const href = destination && safeHref(destination.url);
			if (href) {
				nodes().push({ type: 'link', href, children: frame.nodes.length ? withoutLinks(frame.nodes) : [{ type: 'text', text: href }] });
			} else {
				// A link to anything unsafe stays visible as the text that was written, target included.
				pushText(nodes(), '[');
				pushAll(nodes(), frame.nodes);
				pushText(nodes(), `]${destination?.raw ?? ''}`);
			}
			i += 1 + (destination?.raw.length ?? 0);
		} else if ((ch === 'h' || ch === 'H') && !WORD.test(text[i - 1] ?? '')) {
			BARE_URL.lastIndex = i;
			const url = trimUrl(BARE_URL.exec(text)?.[0] ?? '');
			const href = url && safeHref(url);
			if (href) emit({ type: 'link', href, children: [{ type: 'text', text: url }] });
			// An unsafe URL is skipped whole, so its own "h"s are not looked at again.
			else buffer += url || ch;
			i += url.length || 1;
		} else {
			buffer += ch;
			i++;
		}
	}
	flush();
	while (stack.length) popAsText();
	return root;
}
