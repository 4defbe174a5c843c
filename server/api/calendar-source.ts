import { HTTPException } from 'hono/http-exception';

/** The largest calendar file the import reads, uploaded or fetched. */
export const MAX_ICS_BYTES = 2 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
const tooLarge = (where: string) => new HTTPException(413, { message: `${where} is larger than ${MAX_ICS_BYTES / 1024 / 1024} MB; export a shorter period.` });

/**
 * Reads a body as text, refusing it past the size cap. `drain`: read an upload to its end anyway (the app's own body
 * limit bounds it), so the client gets the answer instead of a broken pipe; a fetched file is cancelled at once.
 */
async function readCapped(body: ReadableStream<Uint8Array> | null, where: string, drain: boolean): Promise<string> {
	if (!body) return '';
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (let r = await reader.read(); !r.done; r = await reader.read()) {
		size += r.value.byteLength;
		if (size <= MAX_ICS_BYTES) chunks.push(r.value);
		else if (!drain) {
			await reader.cancel();
			break;
		}
	}
	if (size > MAX_ICS_BYTES) throw tooLarge(where);
	return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The uploaded calendar file, refused past the size cap. */
export function readUpload(request: Request): Promise<string> {
	return readCapped(request.body, 'The calendar file', true);
}

/** Fetches a published calendar from an http(s) address (webcal:// is read as https://), with a timeout and the size cap. */
export async function fetchCalendar(address: string): Promise<string> {
	let url: URL;
	try {
		url = new URL(address.trim().replace(/^webcal:/i, 'https:'));
	} catch {
		throw new HTTPException(400, { message: `"${address.slice(0, 100)}" is not a web address; give one starting with https://.` });
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HTTPException(400, { message: 'The calendar address must start with http:// or https://.' });
	let response: Response;
	try {
		response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow', headers: { accept: 'text/calendar, */*' } });
	} catch (error) {
		const why = error instanceof Error && error.name === 'TimeoutError' ? `it did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds` : 'it could not be reached';
		throw new HTTPException(400, { message: `Could not read the calendar at ${url.host}: ${why}. Check the address, or download the file and upload it.` });
	}
	if (!response.ok) {
		await response.body?.cancel();
		throw new HTTPException(400, { message: `Could not read the calendar at ${url.host}: it answered ${response.status} ${response.statusText}. Check the address.` });
	}
	return readCapped(response.body, 'The calendar at that address', false);
}
