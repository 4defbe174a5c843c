/** An error the server or the sync gateway answered with: an HTTP status and, when it gave one, its reason. */
export class ServerError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string,
		readonly code: string = 'error'
	) {
		super(reason);
		this.name = 'ServerError';
	}
}

/** A refusal this device words itself, for the person: shown as it is. */
export class PlainError extends Error {
	override name = 'PlainError';
}

const SESSION_EXPIRED = 'Your session expired, sign in again.';
const STORAGE_FULL =
	'This device is out of storage space, so nothing new can be saved. Free some space (old downloads, unused apps), then try again. What was already saved is safe.';
const OFFLINE = 'The server cannot be reached right now. Check the network connection and try again.';

interface ErrorLike {
	name?: unknown;
	status?: unknown;
	error?: unknown;
	reason?: unknown;
	message?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Whether the error means the browser refused to store more data. */
export function isStorageFull(error: unknown): boolean {
	const e = (error ?? {}) as ErrorLike;
	return [e.name, e.error, e.reason, e.message].some((v) => /QuotaExceeded|quota/i.test(text(v)));
}

/** Whether the error means the person must sign in again. */
export function isSessionExpired(error: unknown): boolean {
	const e = (error ?? {}) as ErrorLike;
	return e.status === 401 || e.error === 'unauthorized';
}

/** The one place an error becomes words a person can act on. */
export function userMessage(error: unknown): string {
	if (isStorageFull(error)) return STORAGE_FULL;
	// The REST API words its refusals for people (a wrong password is a 401 too): show them as they are.
	if (error instanceof ServerError) return error.reason;
	if (error instanceof PlainError) return error.message;
	if (isSessionExpired(error)) return SESSION_EXPIRED;
	const e = (error ?? {}) as ErrorLike;
	// So does the gateway when it refuses a write as `forbidden`, and when something failed on the server (`internal`).
	if ((e.error === 'forbidden' || e.status === 403 || e.error === 'internal') && text(e.reason)) return text(e.reason);
	if (error instanceof TypeError && /fetch|network/i.test(error.message)) return OFFLINE;
	if (e.name === 'unknown_error' || e.status === 0) return OFFLINE;
	const reason = text(e.reason) || text(e.message);
	return reason ? `Something went wrong: ${reason}` : 'Something went wrong. Try again, and tell the technology office if it keeps happening.';
}

/** Why saving on this device failed; when storage is full, it says that what was typed is still on the screen. */
export function saveFailedMessage(error: unknown): string {
	return isStorageFull(error)
		? 'Nothing was saved: this device is out of storage space. What you typed stays here; free some space, then press Save again.'
		: userMessage(error);
}
