import { trimOldest } from './bounded-map';
/** How many (id, revision) pairs the gateway remembers having read from the store. */
const CAPACITY = 50_000;

const known = new Map<string, true>();

/**
 * Remembers that the store holds this revision of this document (read from its changes feed just now). A revision
 * stays in a document's revision tree once it is there, so the memory never goes wrong, only stale.
 */
export function rememberRevision(id: string, rev: string): void {
	const key = `${id}\n${rev}`;
	if (known.has(key)) return;
	known.set(key, true);
	trimOldest(known, CAPACITY);
}

/** Whether the gateway read this revision of this document from the store recently. */
export function isKnownRevision(id: string, rev: string): boolean {
	return known.has(`${id}\n${rev}`);
}
