import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { TicketNumber } from '../../core/schemas';
import { SearchQuery, type SearchReply } from '../../core/search/results';
import type { Auth } from '../auth';
import type { ServerTicketSearch } from '../ticket-search';
import { validationHook } from './errors';

export const TicketNumberParam = z.object({ number: TicketNumber });

/** Tickets over the whole history, for a device that does not hold them: search, and one ticket by number. */
export function ticketsApp(auth: Auth, search: ServerTicketSearch) {
	const app = new Hono();

	app.get('/search', zValidator('query', SearchQuery, validationHook), async (c) => {
		const me = await auth.identify(c);
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
