import type { OutageDoc } from '../outage/outage';
import { parseIsoTime } from './iso-time';
import type { OutageRule } from './policy';

/** An outage as the clocks see it: when it was declared and restored (null while ongoing), epoch ms, and the tickets linked to it. */
export interface OutageSpan {
	id: string;
	start: number;
	end: number | null;
	tickets: readonly string[];
}

/**
 * What the policy's outage rule does to one ticket's clocks at `now`:
 * - `pauses`: under 'pause', the windows its clocks stand still, as sorted, disjoint [from, to) pairs flattened
 *   (to is Infinity while the outage is ongoing); the clocks clip them to their own span;
 * - `extendFrom` and `factor`: under 'extend', the targets are `factor` times as long for a clock still running and not
 *   yet out of time at `extendFrom` (when the ticket first met an outage: its filing, or the outage's start if later).
 */
export interface OutageEffect {
	pauses: readonly number[] | null;
	extendFrom: number | null;
	factor: number;
}

/** Whether `t` lies in one of the outage windows (sorted [from, to) pairs, flattened). */
export function inWindow(windows: readonly number[], t: number): boolean {
	for (let k = 0; k < windows.length; k += 2) if (windows[k] <= t && t < windows[k + 1]) return true;
	return false;
}

/** The outages the clocks honour, from the outage documents on the server or the device. */
export function outageSpans(outages: readonly OutageDoc[]): OutageSpan[] {
	return outages.map((o) => ({ id: o._id, start: parseIsoTime(o.declaredAt), end: o.restoredAt === null ? null : parseIsoTime(o.restoredAt), tickets: o.tickets }));
}

const byTicket = new WeakMap<readonly OutageSpan[], Map<string, OutageSpan[]>>();

/** The spans a ticket is linked to; the index is built once per list of spans, so 10,000 tickets do not scan every list. */
function linkedTo(spans: readonly OutageSpan[], number: string): readonly OutageSpan[] {
	let index = byTicket.get(spans);
	if (!index) {
		index = new Map();
		for (const span of spans) for (const t of span.tickets) index.set(t, [...(index.get(t) ?? []), span]);
		byTicket.set(spans, index);
	}
	return index.get(number) ?? [];
}

/** The windows of the outages, from `from` on, started by `now`, merged so that overlapping outages count once. */
function mergedWindows(spans: readonly OutageSpan[], from: number, now: number): number[] {
	const windows = spans
		.map((s): [number, number] => [Math.max(s.start, from), s.end ?? Infinity])
		.filter(([a, b]) => a <= now && a < b)
		.sort((x, y) => x[0] - y[0]);
	const flat: number[] = [];
	for (const [a, b] of windows) {
		const last = flat.length - 1;
		if (last > 0 && a <= flat[last]) flat[last] = Math.max(flat[last], b);
		else flat.push(a, b);
	}
	return flat;
}

/**
 * What the outage rule does to the clocks of the ticket `number` filed at `createdAt`, at `now`; null when it does
 * nothing (the ticket is linked to no outage begun by `now`, or the rule is 'none'). A link carries no time of its own,
 * so a ticket linked late is treated as linked from the outage's start (or its filing, if later).
 */
export function outageEffect(rule: OutageRule, spans: readonly OutageSpan[] | undefined, number: string | undefined, createdAt: number, now: number): OutageEffect | null {
	if (!spans || spans.length === 0 || number === undefined || rule.mode === 'none') return null;
	const linked = linkedTo(spans, number);
	if (linked.length === 0) return null;
	if (rule.mode === 'pause') {
		const pauses = mergedWindows(linked, createdAt, now);
		return pauses.length === 0 ? null : { pauses, extendFrom: null, factor: 1 };
	}
	let extendFrom = Infinity;
	for (const s of linked) if (s.start <= now) extendFrom = Math.min(extendFrom, Math.max(s.start, createdAt));
	if (extendFrom === Infinity) return null;
	return { pauses: null, extendFrom, factor: 1 + (rule.extendPercent ?? 0) / 100 };
}

/** Whether the ticket's clocks stand still at `now` for an outage it is linked to (the rule 'pause'), to say why they are paused. */
export function outageHolds(rule: OutageRule, spans: readonly OutageSpan[] | undefined, number: string, createdAt: number, now: number): boolean {
	const pauses = outageEffect(rule, spans, number, createdAt, now)?.pauses;
	return pauses !== null && pauses !== undefined && inWindow(pauses, now);
}
