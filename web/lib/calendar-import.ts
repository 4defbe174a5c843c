import { z } from 'zod';
import { IcsEvent } from '$core/sla/ical';
import { ServerError } from './errors';

/** Where the import reads a calendar from: a file the administrator picked, or a published address. */
export type IcsSource = { file: File } | { url: string };
/** How far an import has come: sending the file (with the share sent), then the server reading its events. */
export type ImportProgress = { phase: 'sending'; share: number } | { phase: 'reading' };

const Reply = z.object({ events: z.array(IcsEvent) });
const ErrorBody = z.object({ reason: z.string() });

/** Asks the server to read a calendar's events (nothing is saved), reporting progress as the file goes up. */
export function readCalendarEvents(source: IcsSource, onProgress: (p: ImportProgress) => void): Promise<IcsEvent[]> {
	return new Promise((done, fail) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', '/api/admin/calendar/ics');
		xhr.withCredentials = true;
		xhr.responseType = 'text';
		xhr.upload.onprogress = (e) => onProgress({ phase: 'sending', share: e.lengthComputable ? e.loaded / e.total : 0 });
		xhr.upload.onload = () => onProgress({ phase: 'reading' });
		xhr.onerror = () => fail(new TypeError('network error'));
		xhr.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				// not JSON: worded below from the status
			}
			if (xhr.status !== 200) {
				const reason = ErrorBody.safeParse(body);
				return fail(new ServerError(xhr.status, reason.success ? reason.data.reason : `The server answered ${xhr.status}.`));
			}
			const reply = Reply.safeParse(body);
			if (!reply.success) return fail(new ServerError(502, 'The server’s answer could not be read. Try again.'));
			done(reply.data.events);
		};
		if ('file' in source) {
			xhr.setRequestHeader('content-type', 'text/calendar');
			onProgress({ phase: 'sending', share: 0 });
			xhr.send(source.file);
		} else {
			xhr.setRequestHeader('content-type', 'application/json');
			onProgress({ phase: 'reading' });
			xhr.send(JSON.stringify({ url: source.url }));
		}
	});
}
