/** An XML element as the simulator reads TwiML: its name, attributes, child elements and text. */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces XML's character and entity references with their characters. */
function decode(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
		if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
		if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
		return ENTITIES[ref] ?? whole;
	});
}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Parses a small XML document (TwiML: elements, attributes, text; no DTD, no CDATA) into its root element.
 * Throws a message naming the position when the document is not well formed.
 */
export function parseXml(source: string): XmlElement {
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	let at = 0;
	const fail = (what: string): never => {
		throw new Error(`The TwiML is not well-formed XML at character ${at}: ${what}.`);
	};
	while (at < source.length) {
		const lt = source.indexOf('<', at);
		const text = source.slice(at, lt === -1 ? source.length : lt);
		if (text.trim()) {
			if (!stack.length) fail('text outside the root element');
			stack[stack.length - 1].text += decode(text);
		}
		if (lt === -1) break;
		at = lt;
		if (source.startsWith('<?', at) || source.startsWith('<!--', at)) {
			const end = source.indexOf(source.startsWith('<?', at) ? '?>' : '-->', at);
			if (end === -1) fail('an unclosed declaration or comment');
			at = end + (source.startsWith('<?', at) ? 2 : 3);
			continue;
		}
		TAG.lastIndex = at;
		const tag = TAG.exec(source);
		if (!tag) return fail('a malformed tag');
		const [whole, closing, name, attributeText, selfClosing] = tag;
		at += whole.length;
		if (closing) {
			const open = stack.pop();
			if (!open || open.name !== name) fail(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
			continue;
		}
		const element: XmlElement = { name, attributes: {}, children: [], text: '' };
		for (const [, key, double, single] of attributeText.matchAll(ATTRIBUTE)) element.attributes[key] = decode(double ?? single);
		if (stack.length) stack[stack.length - 1].children.push(element);
		else if (root) fail('a second root element');
		else root = element;
		if (!selfClosing) stack.push(element);
	}
	if (stack.length) fail(`<${stack[stack.length - 1].name}> is never closed`);
	if (!root) return fail('no root element');
	return root;
}
