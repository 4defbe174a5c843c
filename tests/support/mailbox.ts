import { SMTPServer } from 'smtp-server';
import { freePort } from './server';

/** A message the receiver took: its recipients (envelope), subject (unfolded), body (decoded) and raw text. */
export interface ReceivedMail {
	to: string[];
	subject: string;
	text: string;
	raw: string;
}

/** The body of a plain-text message, quoted-printable decoded when so encoded. */
function bodyOf(raw: string): string {
	const at = raw.search(/\r?\n\r?\n/);
	const head = raw.slice(0, at);
	const body = raw.slice(at).replace(/^\r?\n\r?\n/, '').replace(/\r\n/g, '\n');
	if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
	const bytes = body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

export interface Mailbox {
	/** The SMTP_URL for the server under test. */
	url: string;
	messages: ReceivedMail[];
	/** How many deliveries it refused. */
	refused(): number;
	/** Refuses every recipient (a 451 "try again later"), or takes mail again. */
	refuse(on: boolean): void;
	/** The messages to one address whose subject matches. */
	to(address: string, subject?: RegExp): ReceivedMail[];
	/** Resolves once `count()` reaches `n` (checked on every message and refusal); rejects after `ms`. */
	waitFor(what: string, count: () => number, n: number, ms?: number): Promise<void>;
	close(): Promise<void>;
}

function subjectOf(raw: string): string {
	const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n([ \t])/g, '$1');
	const line = head.split(/\r?\n/).find((l) => /^subject:/i.test(l)) ?? '';
	// nodemailer writes a non-ASCII subject as UTF-8 encoded words.
	return line
		.slice('subject:'.length)
		.trim()
		.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_all, enc: string, text: string) =>
			enc.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
		);
}

/** A real SMTP receiver (smtp-server) on a free loopback port, keeping what it receives. */
export async function startMailbox(): Promise<Mailbox> {
	const port = await freePort();
	const messages: ReceivedMail[] = [];
	let refusing = false;
	let refusals = 0;
	const watchers = new Set<() => void>();
	const notify = () => {
		for (const watcher of [...watchers]) watcher();
	};
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (!refusing) return callback();
			refusals++;
			notify();
			callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
		},
		onData(stream, session, callback) {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => (raw += chunk));
			stream.on('end', () => {
				messages.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: subjectOf(raw), text: bodyOf(raw), raw });
				callback();
				notify();
			});
		}
	});
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	const to = (address: string, subject?: RegExp) => messages.filter((m) => m.to.includes(address) && (!subject || subject.test(m.subject)));
	return {
		url: `smtp://127.0.0.1:${port}`,
		messages,
		refused: () => refusals,
		refuse: (on) => {
			refusing = on;
		},
		to,
		waitFor: (what, count, n, ms = 30_000) =>
			new Promise<void>((done, fail) => {
				const check = () => {
					if (count() < n) return;
					watchers.delete(check);
					clearTimeout(timer);
					done();
				};
				const timer = setTimeout(() => {
					watchers.delete(check);
					fail(new Error(`${what}: ${count()} of ${n} in ${ms} ms; received: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`));
				}, ms);
				watchers.add(check);
				check();
			}),
		close: () => new Promise<void>((done) => server.close(() => done()))
	};
}
