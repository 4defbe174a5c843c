import { z } from 'zod';

const Env = z.object({
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	DATA_DIR: z.string().min(1).default('./data'),
	PUBLIC_URL: z.url({ message: 'PUBLIC_URL must be a full URL such as https://help.district.org' }).optional(),
	STORE_URL: z.url({ message: 'STORE_URL must be the URL of a CouchDB server, such as http://admin:secret@couch:5984' }).optional(),
	DEMO: z.enum(['0', '1']).default('1'),
	ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
	CLOSED_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
	MAX_BODY_MB: z.coerce.number().min(1).max(200).default(20),
	WEB_DIR: z.string().default('./build'),
	/** Runs the server's clock this far ahead (or behind) of the machine's: for tests and demos of ageing tickets. */
	CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
	/** How many recent changes the shared feed keeps in memory (tests make it small to read older history). */
	FEED_RING_SIZE: z.coerce.number().int().min(1).default(20_000),
	/** '0' turns the scope index off: every read older than the feed's memory reads the store's history (for comparisons). */
	SCOPE_INDEX: z.enum(['0', '1']).default('1'),
	/** The mail server for notifications, such as smtps://user:secret@mail.district.org:465; without it no email is sent. */
	SMTP_URL: z
		.url({ message: 'SMTP_URL must be a URL such as smtp://mail.district.org:587 or smtps://user:secret@mail.district.org:465' })
		.refine((url) => /^smtps?:\/\//.test(url), 'SMTP_URL must start with smtp:// or smtps://')
		.optional(),
	MAIL_FROM: z.string().trim().min(3, 'MAIL_FROM must be a sender such as Helpdesk <helpdesk@district.org>').default('Helpdesk <helpdesk@localhost>'),
	/** The phone line (issue 10): off until both are set. */
	TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'TWILIO_ACCOUNT_SID is AC followed by 32 hex digits (Twilio console, Account Info)').optional(),
	TWILIO_AUTH_TOKEN: z.string().min(16, 'TWILIO_AUTH_TOKEN is the 32-character auth token from the Twilio console').optional(),
	/** Where Twilio's REST API and recordings are fetched: Twilio's own host unless a test stand-in replaces it. */
	TWILIO_API_URL: z.url({ message: 'TWILIO_API_URL must be a URL such as https://api.twilio.com' }).default('https://api.twilio.com'),
	// Only behind a reverse proxy that sets X-Forwarded-For: the sign-in limits then count the address it reports.
	TRUST_PROXY: z.enum(['0', '1']).default('0')
});

export type Config = z.infer<typeof Env> & { PUBLIC_URL: string };

/** Reads the configuration from the environment; a wrong value throws a message naming the variable. */
export function readConfig(env: Record<string, string | undefined>): Config {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`The server's configuration is wrong:\n${lines.join('\n')}`);
	}
	const config = parsed.data;
	if (config.DEMO === '0' && !config.ADMIN_PASSWORD) {
		throw new Error("The server's configuration is wrong:\n  ADMIN_PASSWORD: required when DEMO=0 (the first administrator's password)");
	}
	return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` };
}
