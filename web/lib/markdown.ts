/**
 * A small Markdown subset parsed into plain data, never into HTML. The app renders the tree with Svelte elements
 * (Markdown.svelte), so no text a person wrote can ever become markup or script.
 */

import { type Inline, parseInline } from './markdown-inline';

export { type Inline, safeHref } from './markdown-inline';

/** A block of a Markdown document. */
export type Block =
	| { type: 'heading'; level: 1 | 2 | 3; children: Inline[] }
	| { type: 'paragraph'; children: Inline[] }
	| { type: 'list'; ordered: boolean; start: number; tight: boolean; items: Block[][] }
	| { type: 'quote'; children: Block[] }
	| { type: 'code'; text: string }
	| { type: 'rule' };

// Nesting deeper than this is shown as text: a hostile ">>>>…" must not exhaust the stack when rendered.
const MAX_BLOCK_DEPTH = 8;

/** Parses Markdown source into blocks. */
export function parseMarkdown(source: string): Block[] {
	const lines = source.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD').split('\n').map(expandTabs);
	return parseBlocks(lines, 0);
}

/** The text of Markdown source without its markup, on one line. */
export function markdownToText(source: string): string {
	return blocksText(parseMarkdown(source), true).replace(/\s+/g, ' ').trim();
}

/** The start of a Markdown text as plain sentences (no headings or code), cut at a word and marked with "…" when longer than `max`. */
export function markdownExcerpt(source: string, max = 160): string {
	const text = blocksText(parseMarkdown(source), false).replace(/\s+/g, ' ').trim();
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	const whole = text[max - 1] === ' ' || space <= 0 ? cut : cut.slice(0, space);
	return `${whole.trimEnd()}…`;
}

// Blocks and list items run together on one line: a full stop ends a block, a comma an item, unless they end in punctuation.
const joined = (parts: string[], mark: '.' | ',') =>
	parts
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p, i, all) => (i < all.length - 1 && !/[.!?:;,]$/.test(p) ? `${p}${mark}` : p))
		.join(' ');

function blocksText(blocks: Block[], withHeadingsAndCode: boolean): string {
	return joined(
		blocks.map((block) => {
			switch (block.type) {
				case 'heading':
					return withHeadingsAndCode ? inlineText(block.children) : '';
				case 'paragraph':
					return inlineText(block.children);
				case 'list':
					return joined(
						block.items.map((item) => blocksText(item, withHeadingsAndCode)),
						','
					);
				case 'quote':
					return blocksText(block.children, withHeadingsAndCode);
				case 'code':
					return withHeadingsAndCode ? block.text : '';
				case 'rule':
					return '';
			}
		}),
		'.'
	);
}

function inlineText(nodes: Inline[]): string {
	return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'break' ? ' ' : inlineText(n.children))).join('');
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?/;
const MARKER = /^( {0,3})(?:([-*+])|(\d{1,9})([.)]))( +|$)/;

interface Marker {
	ordered: boolean;
	/** The bullet character or the number's delimiter: a different one starts a new list. */
	symbol: string;
	start: number;
	/** Where the item's content starts; lines indented this far belong to the item. */
	indent: number;
	first: string;
}

function expandTabs(line: string): string {
	const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
	if (!lead.includes('\t')) return line;
	let width = 0;
	for (const ch of lead) width = ch === '\t' ? width + 4 - (width % 4) : width + 1;
	return ' '.repeat(width) + line.slice(lead.length);
}

const isBlank = (line: string) => line.trim() === '';
const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;

function listMarker(line: string): Marker | null {
	const m = MARKER.exec(line);
	if (!m) return null;
	const [whole, lead, bullet, digits, delimiter, gap] = m;
	const markerEnd = lead.length + (bullet ?? `${digits}${delimiter}`).length;
	// A gap wider than four spaces starts indented code inside the item, as in CommonMark.
	const gapWidth = gap.length === 0 || gap.length > 4 ? 1 : gap.length;
	return {
		ordered: !bullet,
		symbol: bullet ?? delimiter,
		start: digits ? Number(digits) : 1,
		indent: markerEnd + gapWidth,
		first: whole.length === markerEnd ? '' : line.slice(markerEnd + gapWidth)
	};
}

/** Whether a line starts a block other than a paragraph; `interrupting`: it would end a paragraph. */
function startsBlock(line: string, depth: number, interrupting: boolean): boolean {
	if (FENCE.test(line) || HEADING.test(line) || RULE.test(line)) return true;
	if (depth >= MAX_BLOCK_DEPTH) return false;
	if (QUOTE.test(line)) return true;
	const marker = listMarker(line);
	if (!marker) return false;
	// As in CommonMark, "2019. A good year" in running text and an empty "-" do not start a list.
	return !interrupting || (marker.first.trim() !== '' && (!marker.ordered || marker.start === 1));
}

function parseBlocks(lines: string[], depth: number): Block[] {
	const blocks: Block[] = [];
	let at = 0;
	while (at < lines.length) {
		const line = lines[at];
		if (isBlank(line)) {
			at++;
			continue;
		}
		const read = readFence(lines, at) ?? readIndentedCode(lines, at) ?? readSingleLine(line, at) ?? readNested(lines, at, depth);
		if (read) {
			if (read.block) blocks.push(read.block);
			at = read.next;
			continue;
		}
		const start = at;
		at++;
		while (at < lines.length && !isBlank(lines[at]) && !startsBlock(lines[at], depth, true)) at++;
		const text = lines.slice(start, at).map((l) => l.trim()).join('\n');
		blocks.push({ type: 'paragraph', children: parseInline(text) });
	}
	return blocks;
}

interface Read {
	block: Block | null;
	next: number;
}

function readFence(lines: string[], at: number): Read | null {
	const open = FENCE.exec(lines[at]);
	if (!open || (open[2][0] === '`' && open[3].includes('`'))) return null;
	const [, indent, fence] = open;
	const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
	const body: string[] = [];
	let next = at + 1;
	while (next < lines.length && !close.test(lines[next])) {
		body.push(lines[next].slice(Math.min(indent.length, indentOf(lines[next]))));
		next++;
	}
	// An unclosed fence runs to the end of the text, as in CommonMark.
	return { block: { type: 'code', text: body.join('\n') }, next: next + 1 };
}

function readIndentedCode(lines: string[], at: number): Read | null {
	if (indentOf(lines[at]) < 4) return null;
	let next = at;
	while (next < lines.length && (isBlank(lines[next]) || indentOf(lines[next]) >= 4)) next++;
	let end = next;
	while (isBlank(lines[end - 1])) end--;
	const text = lines
		.slice(at, end)
		.map((l) => l.slice(4))
		.join('\n');
	return { block: { type: 'code', text }, next };
}

function readSingleLine(line: string, at: number): Read | null {
	if (RULE.test(line)) return { block: { type: 'rule' }, next: at + 1 };
	const heading = HEADING.exec(line);
	if (!heading) return null;
	const text = withoutClosingHashes(line.slice(heading[0].length).trim());
	// An empty heading says nothing and confuses screen readers' heading lists.
	const level = Math.min(heading[1].length, 3) as 1 | 2 | 3;
	return { block: text ? { type: 'heading', level, children: parseInline(text) } : null, next: at + 1 };
}

/** A closing run of "#" ("## Setup ##") is decoration, not text. Written as a loop: a regex here can backtrack badly. */
function withoutClosingHashes(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '#') end--;
	return end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trimEnd() : text;
}

function readNested(lines: string[], at: number, depth: number): Read | null {
	if (depth >= MAX_BLOCK_DEPTH) return null;
	if (QUOTE.test(lines[at])) return readQuote(lines, at, depth);
	const marker = listMarker(lines[at]);
	return marker ? readList(lines, at, depth, marker) : null;
}

function readQuote(lines: string[], at: number, depth: number): Read {
	const inner: string[] = [];
	let next = at;
	while (next < lines.length) {
		const line = lines[next];
		if (QUOTE.test(line)) inner.push(line.replace(QUOTE, ''));
		// A line typed without its ">" still continues the quote's paragraph ("lazy" continuation).
		else if (!isBlank(line) && !isBlank(inner.at(-1) ?? '') && !startsBlock(line, depth, true)) inner.push(line);
		else break;
		next++;
	}
	return { block: { type: 'quote', children: parseBlocks(inner, depth + 1) }, next };
}

function readList(lines: string[], at: number, depth: number, first: Marker): Read {
	const items: string[][] = [];
	let tight = true;
	let marker: Marker | null = first;
	let next = at;
	while (marker) {
		const item = [marker.first];
		next++;
		while (next < lines.length) {
			const line = lines[next];
			if (isBlank(line)) item.push('');
			else if (indentOf(line) >= marker.indent) item.push(line.slice(marker.indent));
			// Any marker starts the next item here, even a number that could not start a list after a paragraph.
			else if (!isBlank(item.at(-1) ?? '') && !startsBlock(line, depth, true) && !listMarker(line)) item.push(line.trim());
			else break;
			next++;
		}
		let trailingBlanks = 0;
		while (item.length > 1 && isBlank(item.at(-1) ?? '')) {
			item.pop();
			trailingBlanks++;
		}
		if (item.slice(1).some(isBlank)) tight = false;
		items.push(item);
		const following: Marker | null = next < lines.length ? listMarker(lines[next]) : null;
		marker = following && following.ordered === first.ordered && following.symbol === first.symbol ? following : null;
		if (marker && trailingBlanks) tight = false;
	}
	const blocks = items.map((item) => parseBlocks(item, depth + 1));
	return { block: { type: 'list', ordered: first.ordered, start: first.start, tight, items: blocks }, next };
}
