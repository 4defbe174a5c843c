import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { Username } from '../../core/schemas';
import type { SessionReply } from '../../core/session-reply';
import { type Auth, SESSION_COOKIE } from '../auth';
import { validationHook } from './errors';

export const LoginBody = z.object({ username: Username, password: z.string().min(1).max(500) });

/** Sign-in, sign-out and "who am I"; `closedWindowDays` tells devices how long closed tickets stay on them. */
export function sessionApp(auth: Auth, secureCookies: boolean, closedWindowDays: number) {
	return new Hono()
		.post('/login', zValidator('json', LoginBody, validationHook), async (c) => {
			const { username, password } = c.req.valid('json');
			const ok = await auth.signIn(c, username, password);
			const profile = ok ? await auth.profile(username) : null;
			if (!profile || !profile.active) throw new HTTPException(401, { message: 'That username and password do not match an active account.' });
			const token = await auth.openSession(username);
			setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: secureCookies, path: '/', maxAge: 30 * 86_400 });
			return c.json({ user: profile, closedWindowDays } satisfies SessionReply);
		})
		.post('/logout', async (c) => {
			const token = getCookie(c, SESSION_COOKIE);
			if (token) await auth.closeSession(token);
			deleteCookie(c, SESSION_COOKIE, { path: '/' });
			return c.json({ ok: true });
		})
		.get('/me', async (c) => c.json({ user: await auth.identify(c), closedWindowDays } satisfies SessionReply));
}
