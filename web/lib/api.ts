import { z } from 'zod';
import { DeviceRegistration } from '$core/device-registration';
import { Ticket } from '$core/schemas';
import { SearchReply, type SearchResult } from '$core/search/results';
import { SessionReply } from '$core/session-reply';
import { ServerError } from './errors';

const ErrorBody = z.object({ error: z.string().optional(), reason: z.string().optional() });

async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
	const response = await fetch(path, {
		method: body === undefined ? 'GET' : 'POST',
		credentials: 'include',
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const json: unknown = await response.json().catch(() => ({}));
	if (!response.ok) {
		const parsed = ErrorBody.safeParse(json);
		const reason = (parsed.success && parsed.data.reason) || `The server answered ${response.status}.`;
		throw new ServerError(response.status, reason, parsed.success ? parsed.data.error : undefined);
	}
	return schema.parse(json);
}

/** Signs in with a username and password; the server sets the session cookie. */
export async function login(username: string, password: string): Promise<SessionReply> {
	return call('/api/login', SessionReply, { username, password });
}

/** Ends the session on the server. */
export async function logout(): Promise<void> {
	await call('/api/logout', z.object({ ok: z.boolean() }), {});
}

/** Who the session cookie belongs to. */
export async function me(): Promise<SessionReply> {
	return call('/api/me', SessionReply);
}

/** Registers this device (by its stable id, so asking again gives the same code) and returns its code and first free sequence. */
export async function registerDevice(deviceId: string): Promise<DeviceRegistration> {
	return call('/api/devices', DeviceRegistration, { deviceId });
}

/** The server's search over every ticket the person may read, closed long ago or not. */
export async function searchServer(q: string, limit: number): Promise<SearchResult[]> {
	return (await call(`/api/tickets/search?${new URLSearchParams({ q, limit: String(limit) })}`, SearchReply)).results;
}

/** A ticket from the server, for one this device does not hold (closed longer ago than the device keeps). */
export async function fetchTicket(number: string): Promise<Ticket> {
	return (await call(`/api/tickets/${encodeURIComponent(number)}`, z.object({ ticket: Ticket }))).ticket;
}
