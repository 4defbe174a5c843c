import { OutageDoc } from '../core/outage/outage';
import { type OutageSpan, outageSpans } from '../core/sla/outage-rule';
import type { Db } from './store';

const PREFIX = 'outage:';

/** The stored outages as the SLA clocks see them (one index read); a document that does not parse is left out. */
export async function storedOutageSpans(db: Db): Promise<OutageSpan[]> {
	const rows = (await db.allDocs({ startkey: PREFIX, endkey: `${PREFIX}\uffff`, include_docs: true })).rows;
	return outageSpans(rows.flatMap((r) => (r.doc ? (OutageDoc.safeParse(r.doc).data ?? []) : [])));
}
