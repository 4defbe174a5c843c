import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { TicketNumber } from '../../core/schemas';
import { attemptVerdict, type Failure, withFailure } from '../../core/rate-limit';
import { SearchQuery, type SearchReply } from '../../core/search/results';
import { SEARCH_LIMIT, searchWaitMessage } from '../../core/search/search-limit';
import type { Auth } from '../auth';
import type { ServerTicketSearch } from '../ticket-search';
import { validationHook } from './errors';

export const TicketNumberParam = z.object({ number: TicketNumber });

/** Tickets over the whole history, for a device that does not hold them: search, and one ticket by number. */
export function ticketsApp(auth: Auth, search: ServerTicketSearch, now: () => Date) {
	const app = new Hono();
	// Each person's recent searches, in this process's memory (one entry per account that searched).
	const recent = new Map<string, Failure[]>();
	let counted = 0;
	const countSearch = (username: string) => {
		const at = now().getTime();
		const verdict = attemptVerdict(recent.get(username) ?? [], at, SEARCH_LIMIT);
		if (!verdict.allowed) {
			throw new HTTPException(429, {
				message: searchWaitMessage(verdict.retryAfterSeconds),
				res: new Response(null, { headers: { 'Retry-After': String(verdict.retryAfterSeconds) } })
			});
		}
		recent.set(username, withFailure(recent.get(username) ?? [], { at, attempt: String(counted++) }, SEARCH_LIMIT));
	};

	app.get('/search', zValidator('query', SearchQuery, validationHook), async (c) => {
		const me = await auth.identify(c);
		countSearch(me.username);
		const { q, limit } = c.req.valid('query');
		return c.json({ results: await search.search(me, q, limit) } satisfies SearchReply);
	});

	app.get('/:number', zValidator('param', TicketNumberParam, validationHook), async (c) => {
		const me = await auth.identify(c);
		const { number } = c.req.valid('param');
		const ticket = await search.ticket(me, number);
		// The same answer whether the ticket does not exist or is someone else's: a search never confirms a number.
		if (!ticket) throw new HTTPException(404, { message: `There is no ticket ${number} that you can open.` });
		return c.json({ ticket });
	});

	return app;
}
