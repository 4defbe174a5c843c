import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { canWrite } from '../../core/access';
import { isoTime } from '../../core/schema-parts';
import { CALENDAR_ID, CalendarDoc } from '../../core/sla/calendar';
import { IcsEvent, defaultWindow, readIcs } from '../../core/sla/ical';
import { withIcalClosures } from '../../core/sla/ical-closures';
import type { UserProfile } from '../../core/schemas';
import type { Auth } from '../auth';
import { type Db, getOrNull } from '../store';
import { fetchCalendar, readUpload } from './calendar-source';
import { validationHook } from './errors';

const MAX_WINDOW_MS = 10 * 366 * 86_400_000;
const when = z.union([z.iso.date(), isoTime]);
export const IcsQuery = z.object({
	from: when.optional().describe('Start of the window: an ISO date (midnight in the district zone) or time; default 12 months ago.'),
	to: when.optional().describe('End of the window (excluded); default 24 months ahead.'),
	save: z.enum(['0', '1']).optional().describe('1: save the default choices as the calendar’s imported closures.')
});
export const IcsUrlBody = z.object({ url: z.string().min(1).max(2000) }).strict();
export const ChosenClosures = z.object({ events: z.array(IcsEvent).max(2000) }).strict();
export const IcsReply = z.object({ events: z.array(IcsEvent), saved: z.number().int().optional().describe('With save=1: how many closures the import saved.') });
export const ClosuresReply = z.object({ calendar: CalendarDoc });

/** Epoch ms of an ISO date (midnight in the zone) or an ISO time. */
const instant = (value: string, timeZone: string) => (value.includes('T') ? Date.parse(value) : Temporal.PlainDate.from(value).toZonedDateTime(timeZone).epochMilliseconds);

/** The business calendar's import: read an .ics file or address into events, and save chosen ones as closures (admin). */
export function calendarApp(db: Db, auth: Auth, now: () => Date) {
	const app = new Hono<{ Variables: { me: UserProfile } }>();
	app.use('*', async (c, next) => {
		const me = await auth.identify(c);
		if (me.role !== 'admin') throw new HTTPException(403, { message: 'Only administrators change the business calendar.' });
		c.set('me', me);
		await next();
	});
	const current = async () => {
		const doc = await getOrNull<CalendarDoc>(db, CALENDAR_ID);
		if (!doc) throw new HTTPException(409, { message: 'The district has no business calendar yet: set its time zone and opening hours first.' });
		return CalendarDoc.parse(doc);
	};
	const save = async (me: UserProfile, before: CalendarDoc, chosen: IcsEvent[]) => {
		const next = { ...withIcalClosures(before, chosen), updatedAt: now().toISOString(), updatedBy: me.username };
		const parsed = CalendarDoc.safeParse(next);
		if (!parsed.success) throw new HTTPException(400, { message: `The calendar cannot be saved: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'calendar'}: ${i.message}`).join('; ')}.` });
		const refusal = canWrite(me, before, parsed.data, { now: now(), person: () => undefined });
		if (refusal) throw new HTTPException(403, { message: refusal.reason });
		try {
			const { rev } = await db.put(parsed.data as Record<string, unknown> & { _id: string });
			return { ...parsed.data, _rev: rev };
		} catch (error) {
			if ((error as { status?: number }).status === 409) throw new HTTPException(409, { message: 'The calendar changed while this was saved; try again.' });
			throw error;
		}
	};
	return app
		.post('/ics', zValidator('query', IcsQuery, validationHook), async (c) => {
			const query = c.req.valid('query');
			const type = c.req.header('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
			let text: string;
			if (type === 'text/calendar') text = await readUpload(c.req.raw);
			else if (type === 'application/json') {
				const body = IcsUrlBody.safeParse(await c.req.json());
				if (!body.success) throw new HTTPException(400, { message: 'Send { "url": "https://…" } to import a published calendar.' });
				text = await fetchCalendar(body.data.url);
			} else throw new HTTPException(415, { message: 'Send the calendar file with Content-Type: text/calendar, or JSON { "url": … } to import it from an address.' });
			const calendar = await current();
			const window = defaultWindow(now().getTime(), calendar.timeZone);
			const from = query.from === undefined ? window.from : instant(query.from, calendar.timeZone);
			const to = query.to === undefined ? window.to : instant(query.to, calendar.timeZone);
			if (!(from < to && to - from <= MAX_WINDOW_MS))
				throw new HTTPException(400, { message: 'The window must end after it starts, and span at most 10 years.' });
			const read = readIcs(text, { timeZone: calendar.timeZone, now: now().getTime(), from, to });
			if ('error' in read) throw new HTTPException(400, { message: read.error });
			if (query.save !== '1') return c.json({ events: read.events });
			const saved = await save(c.get('me'), calendar, read.events.filter((e) => e.closure));
			return c.json({ events: read.events, saved: saved.closures.filter((x) => x.source === 'ical').length });
		})
		.put('/closures', zValidator('json', ChosenClosures, validationHook), async (c) => {
			const calendar = await save(c.get('me'), await current(), c.req.valid('json').events);
			return c.json({ calendar });
		});
}
