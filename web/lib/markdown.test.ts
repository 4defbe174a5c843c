import { describe, expect, it } from 'vitest';
import { type Block, type Inline, markdownExcerpt, markdownToText, parseMarkdown, safeHref } from './markdown';
import { parseInline } from './markdown-inline';

const text = (t: string): Inline => ({ type: 'text', text: t });
const paragraph = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** Every link target anywhere in the tree. */
function hrefs(blocks: Block[]): string[] {
	const fromInline = (nodes: Inline[]): string[] =>
		nodes.flatMap((n) => (n.type === 'link' ? [n.href, ...fromInline(n.children)] : n.type === 'strong' || n.type === 'em' ? fromInline(n.children) : []));
	return blocks.flatMap((b) => {
		switch (b.type) {
			case 'heading':
			case 'paragraph':
				return fromInline(b.children);
			case 'list':
				return b.items.flatMap(hrefs);
			case 'quote':
				return hrefs(b.children);
			default:
				return [];
		}
	});
}

describe('Markdown blocks', () => {
	it('reads headings of three levels, folding deeper ones into the third and dropping closing hashes', () => {
		expect(parseMarkdown('# One\n## Two ##\n### Three\n#### Four')).toEqual([
			{ type: 'heading', level: 1, children: [text('One')] },
			{ type: 'heading', level: 2, children: [text('Two')] },
			{ type: 'heading', level: 3, children: [text('Three')] },
			{ type: 'heading', level: 3, children: [text('Four')] }
		]);
	});

	it('keeps a hash without a space as text, so a #hashtag is not a heading', () => {
		expect(parseMarkdown('#printers are down')).toEqual([paragraph(text('#printers are down'))]);
	});

	it('splits paragraphs at blank lines and keeps single line breaks as breaks', () => {
		expect(parseMarkdown('First line\nsecond line\n\nNext paragraph')).toEqual([
			paragraph(text('First line'), { type: 'break' }, text('second line')),
			paragraph(text('Next paragraph'))
		]);
	});

	it('reads bullet lists with any bullet and numbered lists with their start', () => {
		expect(parseMarkdown('- one\n* two')).toEqual([
			{ type: 'list', ordered: false, start: 1, tight: true, items: [[paragraph(text('one'))]] },
			{ type: 'list', ordered: false, start: 1, tight: true, items: [[paragraph(text('two'))]] }
		]);
		expect(parseMarkdown('3. Open the door\n4) Pull the paper')).toMatchObject([
			{ type: 'list', ordered: true, start: 3, items: [[paragraph(text('Open the door'))]] },
			{ type: 'list', ordered: true, start: 4 }
		]);
		expect(parseMarkdown('1. a\n2. b\n3. c')).toMatchObject([{ type: 'list', ordered: true, items: [[{}], [{}], [{}]] }]);
	});

	it('lets a list follow a paragraph line directly, but not a number that merely starts a sentence', () => {
		expect(parseMarkdown('Steps:\n1. Restart\n2. Sign in')).toMatchObject([paragraph(text('Steps:')), { type: 'list', ordered: true }]);
		expect(parseMarkdown('It broke in\n2019. Then again.')).toEqual([paragraph(text('It broke in'), { type: 'break' }, text('2019. Then again.'))]);
	});

	it('nests a list indented under an item and marks lists with blank lines between items as loose', () => {
		const [list] = parseMarkdown('- Printers\n  - Toner\n  - Paper\n- Screens');
		expect(list).toMatchObject({
			type: 'list',
			tight: true,
			items: [[paragraph(text('Printers')), { type: 'list', items: [[paragraph(text('Toner'))], [paragraph(text('Paper'))]] }], [paragraph(text('Screens'))]]
		});
		expect(parseMarkdown('- a\n\n- b')).toMatchObject([{ type: 'list', tight: false, items: [[{}], [{}]] }]);
	});

	it('continues a list item on an unindented line typed right after it', () => {
		expect(parseMarkdown('- Hold the power button\nfor ten seconds')).toMatchObject([
			{ type: 'list', items: [[paragraph(text('Hold the power button'), { type: 'break' }, text('for ten seconds'))]] }
		]);
	});

	it('reads block quotes, including a line typed without its ">"', () => {
		expect(parseMarkdown('> Note: save first\nthen restart\n\nAfter')).toEqual([
			{ type: 'quote', children: [paragraph(text('Note: save first'), { type: 'break' }, text('then restart'))] },
			paragraph(text('After'))
		]);
	});

	it('reads fenced code blocks verbatim, markup and all, and runs an unclosed fence to the end', () => {
		expect(parseMarkdown('```sh\nipconfig /release\n**not bold** <b>\n```\nafter')).toEqual([
			{ type: 'code', text: 'ipconfig /release\n**not bold** <b>' },
			paragraph(text('after'))
		]);
		expect(parseMarkdown('~~~\nopen')).toEqual([{ type: 'code', text: 'open' }]);
	});

	it('reads indented code blocks, but an indented line inside a paragraph stays text', () => {
		expect(parseMarkdown('Type:\n\n    gpupdate /force\n\n    exit\n\nDone')).toEqual([
			paragraph(text('Type:')),
			{ type: 'code', text: 'gpupdate /force\n\nexit' },
			paragraph(text('Done'))
		]);
		expect(parseMarkdown('Line\n    more')).toEqual([paragraph(text('Line'), { type: 'break' }, text('more'))]);
	});

	it('reads horizontal rules of dashes, stars or underscores', () => {
		expect(parseMarkdown('a\n\n---\n\n* * *\n___')).toEqual([paragraph(text('a')), { type: 'rule' }, { type: 'rule' }, { type: 'rule' }]);
	});

	it('gives the text of a document without its markup, for excerpts', () => {
		expect(markdownToText('# Printer\n\n**Open** the [door](https://example.org).\n\n- one\n- two')).toBe('Printer. Open the door. one, two');
	});

	it('makes excerpts of the sentences only, cut at a word and marked where cut', () => {
		expect(markdownExcerpt('**Open** the front door', 160)).toBe('Open the front door');
		expect(markdownExcerpt('# Toner\n\nYou need toner.\n\n- Open the door\n- Pull the tray\n\n```\nreset\n```\n\nDone')).toBe('You need toner. Open the door, Pull the tray. Done');
		expect(markdownExcerpt('Open the front door of the printer', 20)).toBe('Open the front door…');
		expect(markdownExcerpt('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
	});
});

describe('Markdown inline', () => {
	it('reads bold, italic with either character, and code', () => {
		expect(parseInline('**bold** *it* _also_ `a*b*`')).toEqual([
			{ type: 'strong', children: [text('bold')] },
			text(' '),
			{ type: 'em', children: [text('it')] },
			text(' '),
			{ type: 'em', children: [text('also')] },
			text(' '),
			{ type: 'code', text: 'a*b*' }
		]);
	});

	it('nests italic inside bold and bold inside italic', () => {
		expect(parseInline('**a *b* c**')).toEqual([{ type: 'strong', children: [text('a '), { type: 'em', children: [text('b')] }, text(' c')] }]);
		expect(parseInline('*a **b** c*')).toEqual([{ type: 'em', children: [text('a '), { type: 'strong', children: [text('b')] }, text(' c')] }]);
	});

	it('leaves underscores inside words, lone stars and unclosed markers as text', () => {
		expect(parseInline('file_name_v2 and 2 * 3 * 4')).toEqual([text('file_name_v2 and 2 * 3 * 4')]);
		expect(parseInline('**not closed')).toEqual([text('**not closed')]);
		expect(parseInline('`unclosed code')).toEqual([text('`unclosed code')]);
	});

	it('honours backslash escapes', () => {
		expect(parseInline('\\*not italic\\* and \\[not a link](https://example.org)')).toEqual([
			text('*not italic* and [not a link]('),
			{ type: 'link', href: 'https://example.org', children: [text('https://example.org')] },
			text(')')
		]);
	});

	it('makes links of http, https, mailto and same-site paths, with an optional title', () => {
		expect(parseInline('[Portal](https://portal.example.org/a_(b)) [mail](mailto:help@example.org) [here](/kb/wifi "Wi-Fi")')).toEqual([
			{ type: 'link', href: 'https://portal.example.org/a_(b)', children: [text('Portal')] },
			text(' '),
			{ type: 'link', href: 'mailto:help@example.org', children: [text('mail')] },
			text(' '),
			{ type: 'link', href: '/kb/wifi', children: [text('here')] }
		]);
	});

	it('links bare web addresses, leaving the sentence punctuation and an unmatched bracket out', () => {
		expect(parseInline('See https://example.org/help. (Or http://example.org/a.)')).toEqual([
			text('See '),
			{ type: 'link', href: 'https://example.org/help', children: [text('https://example.org/help')] },
			text('. (Or '),
			{ type: 'link', href: 'http://example.org/a', children: [text('http://example.org/a')] },
			text('.)')
		]);
	});

	it('never puts a link inside a link', () => {
		expect(parseInline('[https://example.org](https://example.org)')).toEqual([
			{ type: 'link', href: 'https://example.org', children: [text('https://example.org')] }
		]);
	});

	it('gives an empty link its address as text, so it is never an empty link', () => {
		expect(parseInline('[](https://example.org)')).toEqual([{ type: 'link', href: 'https://example.org', children: [text('https://example.org')] }]);
	});
});

describe('hostile Markdown', () => {
	it.each([
		'javascript:alert(1)',
		'JaVaScRiPt:alert(1)',
		' javascript:alert(1)',
		'java\tscript:alert(1)',
		'java\nscript:alert(1)',
		'\u0000javascript:alert(1)',
		'&#106;avascript:alert(1)',
		'javascript&colon;alert(1)',
		'%6Aavascript:alert(1)',
		'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
		'vbscript:msgbox(1)',
		'file:///etc/passwd',
		'//evil.example/x',
		'/\\evil.example',
		'https:evil.example',
		'https://',
		'#top',
		'relative/path'
	])('refuses the link target %j', (target) => {
		expect(safeHref(target)).toBeNull();
	});

	it.each(['https://example.org', 'HTTP://EXAMPLE.ORG/x', 'mailto:help@example.org', '/kb/wifi?x=1#y'])('accepts the link target %j', (target) => {
		expect(safeHref(target)).toBe(target);
	});

	it.each([
		'[click](javascript:alert(2))',
		'[x](JaVaScRiPt:alert(3))',
		'[x]( javascript:alert(1))',
		'[x](<javascript:alert(1)>)',
		'[x](java\\script:alert(1))',
		'[x](&#x6A;avascript:alert(1))',
		'[x](data:text/html,<script>alert(1)</script>)',
		'[x](vbscript:msgbox(1))',
		'[x](//evil.example)',
		'javascript:alert(1)',
		'<a href="javascript:alert(1)">x</a>'
	])('shows %j as the text that was written, with no link', (source) => {
		const blocks = parseMarkdown(source);
		expect(hrefs(blocks)).toEqual([]);
		expect(markdownToText(source)).toBe(source);
	});

	it('keeps raw HTML as plain text', () => {
		const source = '<script>window.__pwned=1</script>\n<img src=x onerror=alert(1)>';
		expect(parseMarkdown(source)).toEqual([
			paragraph(text('<script>window.__pwned=1</script>'), { type: 'break' }, text('<img src=x onerror=alert(1)>'))
		]);
	});

	it('replaces NUL characters', () => {
		expect(markdownToText('a\u0000b')).toBe('a\uFFFDb');
	});

	it('shows nesting too deep to render as text instead of recursing without end', () => {
		const quotes = parseMarkdown(`${'>'.repeat(5000)} deep`);
		let depth = 0;
		for (let block: Block | undefined = quotes[0]; block?.type === 'quote'; block = block.children[0]) depth++;
		expect(depth).toBeLessThanOrEqual(8);
		expect(markdownToText(`${'>'.repeat(5000)} deep`)).toContain('deep');
		const brackets = parseInline(`${'['.repeat(5000)}x${']'.repeat(5000)}`);
		expect(JSON.stringify(brackets).length).toBeLessThan(30_000);
		expect(parseMarkdown(`${'- '.repeat(3000)}x`)).toBeDefined();
	});

	it.each([
		['unclosed emphasis', '_a '.repeat(16_000)],
		['unclosed links', '[a]('.repeat(12_000)],
		['unmatched backticks of growing length', Array.from({ length: 300 }, (_, i) => '`'.repeat(i + 1)).join(' x ')],
		['an address of closing brackets', `https://example.org${')'.repeat(49_000)}`],
		['an invalid address full of h', `http://exa%00mple/${'h/'.repeat(24_000)}`],
		['a heading of spaces', `# a${' '.repeat(49_000)}b`],
		['a code span of spaces', `\` ${' '.repeat(49_000)}x\``],
		['star runs', '*a **b '.repeat(7000)],
		['link targets padded with spaces', `[a](${' '.repeat(2000)}x y)`.repeat(24)]
	])('parses a 50,000-character text of %s quickly', (_, source) => {
		// CPU time, not the wall clock: a loaded machine stretches the wall clock tenfold (2.6 s seen at load 26), not the
		// CPU a parse uses (at most ~170 ms here); a quadratic pass over 50,000 characters would take seconds of it.
		const started = process.cpuUsage();
		parseMarkdown(source);
		const used = process.cpuUsage(started);
		expect((used.user + used.system) / 1000).toBeLessThan(1000);
	});
});
