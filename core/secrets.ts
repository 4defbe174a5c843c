import { foldText, originalSpan } from './fold-text';

export interface SecretFinding {
	start: number;
	end: number;
	kind: 'password' | 'pin' | 'api-key' | 'private-key' | 'token' | 'credential-pair';
	reason: string;
}

type Kind = SecretFinding['kind'];

const REASONS: Record<Kind, string> = {
	password: 'This looks like a password. Never put a password in a ticket: the technician will reset it with you.',
	pin: 'This looks like a PIN or passcode. Never put a PIN in a ticket: the technician will help you set a new one.',
	'api-key':
		'This looks like a key that unlocks a computer system. Never put one in a ticket: tell the technician it was exposed so it can be replaced.',
	'private-key':
		'This looks like a private security key. Never put one in a ticket: tell the technician it was exposed so it can be replaced.',
	token: 'This looks like a sign-in token, which works like a password. Never put one in a ticket: the technician will issue a new one.',
	'credential-pair':
		'This looks like a username and password written together. Never put a password in a ticket: the technician will reset it with you.'
};

const MASKS: Record<Kind, string> = {
	password: '[password removed]',
	pin: '[PIN removed]',
	'api-key': '[key removed]',
	'private-key': '[private key removed]',
	token: '[token removed]',
	'credential-pair': '[password removed]'
};

/** Words that follow "password is" in ordinary helpdesk talk and are never the password itself. */
const STOP = new Set(
	(
		'a an the my your our his her their its it this that same not no none n/a na null nil blank empty too still now ' +
		'being been be is was are for to on in at of as and or but so just also again here there below above attached ' +
		'expired expiring expires expire wrong incorrect invalid locked lock unlocked changed change changing reset ' +
		'resetting working broken correct right fine ok okay missing required needed optional case-sensitive sensitive ' +
		'weak strong short long old new temporary temp unknown forgotten forgot lost different mismatch bad rejected ' +
		'denied accepted saved hidden set updated see please help field box screen prompt 2fa mfa sso same-as ' +
		'incorrecta correcta caducada'
	).split(' ')
);

const H = String.raw`[^\S\r\n]`;
const LABEL = String.raw`(?<label>pass(?:(?:${H}|-)?(?:word|wort)|wd|code|phrase)?s?|pass${H}+code|kennwort|wachtwoord|mot(?:${H}|-)*de(?:${H}|-)*passe|mdp|senha|pwd|p\/?w|pin(?:${H}*(?:code|number))?|contrase(?:ñ|n)a|clave|(?:wi-?fi|wireless|network|security)${H}+key|api[\s_-]?key|(?:aws[_-]?)?secret(?:[\s_-]?(?:access[\s_-]?)?key)?|client[\s_-]?secret|(?:(?:access|auth|api)[\s_-]?)?token)\b`;
const TOPIC = String.raw`(?:${H}+(?:for|to|on|at|in)${H}+(?:(?:my|the|our|your)${H}+)?[\w.@-]+(?=\s))?`;
const CONNECT = String.raw`(?<conn>(?:${H}*['’]s\b)?(?:${H}*(?:[:=]|=>|->|-(?=\s))|${H}+(?:is|was|are|es|era|est|ist|lautet|now|still|currently|to|(?:changed|reset|set)${H}+to|(?:should|will)${H}+be)\b)*)`;
/** The value, on the same line or, after a label that ends its line, on one of the next three lines. */
const VALUE = String.raw`(?<nl>(?:${H}*\r?\n){1,3})?${H}*(?<value>\S+)`;
const USER = String.raw`([\w.@\\-]{2,64})`;
const PASS_WORD = String.raw`(?:pass(?:word)?|pwd|pw)`;

const LABELLED = new RegExp(String.raw`\b${LABEL}${TOPIC}${CONNECT}${VALUE}`, 'dgi');
const PAIR_LOGIN = new RegExp(
	String.raw`\b(?:log-?in|sign-?in|credentials?|creds|user(?:name)?${H}*[\/|]${H}*${PASS_WORD})(?:${H}+(?:is|are|was|info))*${H}*[:=]?${H}*${USER}(?:${H}*[\/|,]${H}*|:|${H}+and${H}+)(?<value>\S+)`,
	'dgi'
);
const PAIR_USER = new RegExp(
	String.raw`\buser${H}*(?:name|id)?(?:${H}+(?:is|was))?${H}*[:=]?${H}*${USER}[\s,;\/|]+(?:and${H}+)?(?:(?:my|the)${H}+)?${PASS_WORD}\b${CONNECT}${VALUE}`,
	'dgi'
);
/** "jsmith / Spring2024 (user / pass)": the pair first, its labels after. */
const PAIR_BEFORE = new RegExp(
	String.raw`(?<![\w.@\\-])${USER}${H}*[\/|:]${H}*(?<value>[^\s()]+)${H}*[(\[]?${H}*(?:user(?:name)?|log-?in)${H}*[\/|&]${H}*${PASS_WORD}\b`,
	'dgi'
);
const BEARER = /\bbearer\s+([\w~+/.-]{20,}=*)/dgi;

const SHAPES: ReadonlyArray<readonly [Kind, RegExp]> = [
	['private-key', /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g],
	['token', /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g],
	['api-key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g],
	['api-key', /\bAIza[\w-]{35}(?![\w-])/g],
	['api-key', /\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}/g],
	['token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_\w{22,}/g],
	['token', /\bxox[baprs]-[A-Za-z0-9-]{10,}/g]
];

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

interface Candidate {
	start: number;
	end: number;
	value: string;
	quoted: boolean;
	last: boolean;
}

function candidate(text: string, start: number, raw: string): Candidate | undefined {
	const close = QUOTES[raw[0] ?? ''];
	if (close !== undefined) {
		const end = text.indexOf(close, start + 1);
		const value = text.slice(start + 1, end);
		if (end <= start + 1 || value.length > 64 || value.includes('\n')) return undefined;
		return { start: start + 1, end, value, quoted: true, last: true };
	}
	const value = raw.replace(/[.,;:?)\]}"'”’]+$/, '').replace(/^(\d+)!+$/, '$1');
	if (value === '') return undefined;
	const last = value.length < raw.length || /^[^\S\n]*(?:\n|$)/.test(text.slice(start + raw.length));
	return { start, end: start + value.length, value, quoted: false, last };
}

interface Context {
	explicit: boolean;
	bare: boolean;
	pinLabel: boolean;
}

function looksSecret(c: Candidate, ctx: Context): boolean {
	const v = c.value;
	if (v.length < 3 || v.length > 100 || STOP.has(v.toLowerCase())) return false;
	if (/^(?:https?:|www\.)|^[^@\s]+@[^@\s]+\.\w+$|^0x[0-9a-f]+$|^\d+(?:st|nd|rd|th)$/i.test(v)) return false;
	if (/^\d+$/.test(v)) return v.length >= 4 && v.length <= 12 && (ctx.pinLabel || !ctx.bare);
	const letters = /\p{L}/u.test(v);
	const core = v.replace(/[!?.]+$/, '');
	if (letters && (/\d/.test(v) || /[^\p{L}\p{N}\s'’/-]/u.test(core))) return true;
	if (c.quoted) return letters && !v.toLowerCase().split(/\s+/).some((w) => STOP.has(w));
	return ctx.explicit && c.last && /^\p{L}{4,}$/u.test(v);
}

function labelKind(label: string, value: string): Kind {
	const l = label.toLowerCase();
	if (/^pin|code/.test(l) && /^\d+$/.test(value)) return 'pin';
	if (/api|secret/.test(l)) return 'api-key';
	if (/token/.test(l)) return 'token';
	return 'password';
}

function finding(kind: Kind, start: number, end: number): SecretFinding {
	return { start, end, kind, reason: REASONS[kind] };
}

function connectorContext(connector: string, label: string, nextLine: boolean, aloneOnLine: boolean): Context {
	return {
		explicit: /[:=>-]/.test(connector) && (!nextLine || aloneOnLine),
		bare: connector.trim() === '',
		pinLabel: /^pin|code/i.test(label)
	};
}

/**
 * A value on the line after its label counts only as a form would write it: the label ends its line and starts it
 * (after at most one word, or with a colon), and the value ends its own line.
 */
function formLike(text: string, m: RegExpMatchArray, connector: string, c: Candidate): boolean {
	const at = m.index ?? 0;
	const before = lineOf(text, at).slice(0, at - text.lastIndexOf('\n', at) - 1).trim();
	return c.last && (/[:=]/.test(connector) || before.split(/\s+/).filter(Boolean).length <= 1);
}

function lineOf(text: string, at: number): string {
	const end = text.indexOf('\n', at);
	return text.slice(text.lastIndexOf('\n', at) + 1, end < 0 ? text.length : end);
}

function labelled(text: string, re: RegExp, pair: boolean): SecretFinding[] {
	const out: SecretFinding[] = [];
	for (const m of text.matchAll(re)) {
		const at = m.indices?.groups?.value;
		const raw = m.groups?.value;
		const c = at && raw ? candidate(text, at[0], raw) : undefined;
		const label = pair ? 'password' : (m.groups?.label ?? '');
		const connector = m.groups?.conn ?? 'is';
		const nextLine = m.groups?.nl !== undefined;
		// "pass" alone is also a verb ("pass the ball"): it names a password only before "is", ":" or "=".
		if (!c || (/^pass$/i.test(label) && connector.trim() === '') || (nextLine && !formLike(text, m, connector, c))) continue;
		const context = connectorContext(connector, label, nextLine, nextLine && lineOf(text, c.start).trim() === raw);
		// After "pass" alone ("hall pass: Blue") only a value with digits or symbols counts, not a plain word.
		if (looksSecret(c, /^pass$/i.test(label) ? { ...context, explicit: false } : context)) {
			out.push(finding(pair ? 'credential-pair' : labelKind(label, c.value), c.start, c.end));
		}
	}
	return out;
}

function entropy(s: string): number {
	const counts = new Map<string, number>();
	for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	let bits = 0;
	for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
	return bits;
}

function randomLooking(text: string): SecretFinding[] {
	const out: SecretFinding[] = [];
	for (const m of text.matchAll(/\S{32,}/g)) {
		const lead = /^[("'“‘<[]*/.exec(m[0])?.[0].length ?? 0;
		const token = m[0].slice(lead).replace(/[.,;:!?)"'”’>\]]+$/, '');
		const separators = token.match(/[-_/]/g)?.length ?? 0;
		if (token.length < 32 || !/^[\w+/=-]+$/.test(token) || token.startsWith('/') || separators > 3) continue;
		if (!/\d/.test(token) || !/[A-Za-z]/.test(token) || entropy(token) < 3.3) continue;
		out.push(finding('api-key', m.index + lead, m.index + lead + token.length));
	}
	return out;
}

function findInFolded(text: string): SecretFinding[] {
	const shaped = SHAPES.flatMap(([kind, re]) => [...text.matchAll(re)].map((m) => finding(kind, m.index, m.index + m[0].length)));
	const bearer = [...text.matchAll(BEARER)]
		.filter((m) => /\d/.test(m[1] ?? ''))
		.flatMap((m) => (m.indices?.[1] ? [finding('token', m.indices[1][0], m.indices[1][1])] : []));
	const ordered = [
		...shaped,
		...bearer,
		...labelled(text, PAIR_USER, true),
		...labelled(text, PAIR_LOGIN, true),
		...labelled(text, PAIR_BEFORE, true),
		...labelled(text, LABELLED, false),
		...randomLooking(text)
	];
	const kept: SecretFinding[] = [];
	for (const f of ordered) {
		if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
	}
	return kept.sort((a, b) => a.start - b.start);
}

/**
 * A run long enough to be a random-looking key (see randomLooking). Such a run starts the text or follows a space, so
 * only those places are tried: half the work of trying every position, on every text every write carries.
 */
const KEY_LENGTH_RUN = /(?:^|\s)\S{32}/;
/** Every label, pair word and key shape the patterns above start from: a text without any of them (and without a run long enough for a random-looking key) holds none. */
const MAY_HOLD_SECRET = /pass|kennwort|wacht|mdp|senha|pwd|pw|p\/w|pin|contrase|clave|key|secret|token|log-?in|sign-?in|cred|user|bearer|-----|eyj|akia|asia|aiza|k_live|k_test|xox|gh[pousr]_|github/i;

/**
 * Finds passwords and other secrets in free text, so no document records one. The text is folded first (NFKC, no
 * invisible characters, Latin look-alikes, spelled-out labels joined); findings point into the original text.
 */
export function findSecrets(text: string): SecretFinding[] {
	const folded = foldText(text);
	if (!MAY_HOLD_SECRET.test(folded.text) && !KEY_LENGTH_RUN.test(folded.text)) return [];
	return findInFolded(folded.text).map((f) => ({ ...f, ...originalSpan(folded, f.start, f.end) }));
}

/** Replaces every finding with a mask such as "[password removed]". */
export function redactSecrets(text: string): string {
	let out = text;
	for (const f of findSecrets(text).reverse()) out = out.slice(0, f.start) + MASKS[f.kind] + out.slice(f.end);
	return out;
}
