import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorResponse } from './errors';

const app = new Hono()
	.onError(errorResponse)
	.get('/refused', () => {
		throw new HTTPException(409, { message: 'Someone else changed this ticket. Reload it and try again.' });
	})
	.get('/broken', () => {
		throw new TypeError("Cannot read properties of undefined (reading '_rev')");
	});

describe('errorResponse', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('answers a refusal with its status, its name and its reason', async () => {
		const response = await app.request('/refused');
		expect(response.status).toBe(409);
		expect(await response.json()).toEqual({ error: 'conflict', reason: 'Someone else changed this ticket. Reload it and try again.' });
	});

	it('answers an unexpected error with a plain 500 that neither shows the error nor claims that nothing was saved', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const response = await app.request('/broken');
		expect(response.status).toBe(500);
		const body = (await response.json()) as { error: string; reason: string };
		expect(body).toEqual({ error: 'internal', reason: 'Something went wrong on the server. Try again, and tell the technology office if it keeps happening.' });
		expect(JSON.stringify(body)).not.toMatch(/_rev|TypeError|saved/);
		expect(logged).toHaveBeenCalledOnce();
	});
});
