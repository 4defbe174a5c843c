/** One content line of an iCalendar file: NAME;PARAM=value:VALUE, with the line it starts on (1-based). */
export interface IcsProperty {
	name: string;
	params: Record<string, string>;
	value: string;
	line: number;
}

/** A BEGIN/END block (VCALENDAR, VEVENT, VTIMEZONE…) with its properties and the blocks inside it. */
export interface IcsComponent {
	name: string;
	line: number;
	props: IcsProperty[];
	children: IcsComponent[];
}

/** The most lines a file may hold; a district calendar of decades has a few hundred thousand at most. */
const MAX_LINES = 500_000;

/** Splits one unfolded line into name, parameters and value, or null when it is not a content line. */
function contentLine(text: string, line: number): IcsProperty | null {
	const name = text.match(/^[A-Za-z0-9-]+/)?.[0];
	if (!name) return null;
	const params: Record<string, string> = {};
	let i = name.length;
	while (text[i] === ';') {
		const key = text.slice(i + 1).match(/^[A-Za-z0-9-]+/)?.[0];
		if (!key || text[i + 1 + key.length] !== '=') return null;
		i += key.length + 2;
		const values: string[] = [];
		for (;;) {
			if (text[i] === '"') {
				const close = text.indexOf('"', i + 1);
				if (close < 0) return null;
				values.push(text.slice(i + 1, close));
				i = close + 1;
			} else {
				const raw = text.slice(i).match(/^[^";:,]*/)![0];
				values.push(raw);
				i += raw.length;
			}
			if (text[i] !== ',') break;
			i++;
		}
		params[key.toUpperCase()] = values.join(',');
	}
	if (text[i] !== ':') return null;
	return { name: name.toUpperCase(), params, value: text.slice(i + 1), line };
}

/** Joins folded lines (a line starting with a space or tab continues the one before), keeping each line's first number. */
function unfold(text: string): { text: string; line: number }[] {
	const physical = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
	const lines: { text: string; line: number }[] = [];
	physical.forEach((raw, index) => {
		const last = lines.at(-1);
		if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
		else if (raw.trim() !== '') lines.push({ text: raw, line: index + 1 });
	});
	return lines;
}

/**
 * Reads the BEGIN/END structure of an .ics text: every VCALENDAR in it, or a refusal naming the line.
 * Lenient as calendar apps are: LF or CR line endings, blank lines, lower-case names, several calendars in a row.
 */
export function scanIcs(text: string): { calendars: IcsComponent[] } | { error: string } {
	const lines = unfold(text);
	if (lines.length > MAX_LINES) return { error: `The file has more than ${MAX_LINES.toLocaleString('en-US')} lines; export a shorter calendar.` };
	const first = lines[0];
	if (!first || !/^BEGIN:VCALENDAR$/i.test(first.text.trim()))
		return { error: `line ${first?.line ?? 1}: this is not an iCalendar file (it does not start with BEGIN:VCALENDAR).` };
	const calendars: IcsComponent[] = [];
	const open: IcsComponent[] = [];
	for (const { text: raw, line } of lines) {
		const prop = contentLine(raw.trimEnd(), line);
		if (!prop) return { error: `line ${line}: "${raw.slice(0, 40)}" is not an iCalendar line (NAME:value).` };
		if (prop.name === 'BEGIN') {
			const name = prop.value.trim().toUpperCase();
			if (!/^[A-Z0-9-]+$/.test(name)) return { error: `line ${line}: BEGIN names no component.` };
			if (open.length === 0 && name !== 'VCALENDAR') return { error: `line ${line}: BEGIN:${name} is outside any VCALENDAR.` };
			const component: IcsComponent = { name, line, props: [], children: [] };
			(open.at(-1)?.children ?? calendars).push(component);
			open.push(component);
		} else if (prop.name === 'END') {
			const name = prop.value.trim().toUpperCase();
			const current = open.pop();
			if (!current) return { error: `line ${line}: END:${name} has no BEGIN before it.` };
			if (current.name !== name) return { error: `line ${line}: END:${name} ends BEGIN:${current.name} of line ${current.line}.` };
		} else {
			const current = open.at(-1);
			if (!current) return { error: `line ${line}: ${prop.name} is outside any VCALENDAR.` };
			current.props.push(prop);
		}
	}
	const unclosed = open.at(-1);
	if (unclosed) return { error: `line ${unclosed.line}: BEGIN:${unclosed.name} is never ended (END:${unclosed.name} is missing).` };
	return { calendars };
}

/** The first property of a name in a component. */
export function prop(component: IcsComponent, name: string): IcsProperty | undefined {
	return component.props.find((p) => p.name === name);
}

/** Undoes iCalendar text escaping (\n, \, \; \\). */
export function unescapeText(value: string): string {
	return value.replace(/\\([nN,;\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
