import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Auth } from '../auth';
import type { PhoneLineStatus } from '../phone-status';

/** The phone line's status for administrators: on or off, why, and the three URLs to give Twilio. */
export function phoneApp(auth: Auth, status: PhoneLineStatus) {
	return new Hono().get('/status', async (c) => {
		const me = await auth.identify(c);
		if (me.role !== 'admin') throw new HTTPException(403, { message: 'Only administrators see how the phone line is connected.' });
		return c.json(status);
	});
}
