import { Temporal } from 'temporal-polyfill';

interface OffsetSpan {
	start: number;
	end: number;
	offsetMs: number;
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function offsetText(offsetMs: number): string {
	const minutes = Math.round(Math.abs(offsetMs) / 60_000);
	return `${offsetMs < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** The zone's offset span around t: from the last transition at or before t to the next one after it. */
function spanAt(timeZone: string, t: number): OffsetSpan {
	const zoned = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(timeZone);
	// Transitions fall on whole seconds, so the one "before t + 1 ms" is the last at or before t.
	const previous = Temporal.Instant.fromEpochMilliseconds(t + 1).toZonedDateTimeISO(timeZone).getTimeZoneTransition('previous');
	const next = zoned.getTimeZoneTransition('next');
	return { start: previous?.epochMilliseconds ?? -Infinity, end: next?.epochMilliseconds ?? Infinity, offsetMs: zoned.offsetNanoseconds / 1e6 };
}

/**
 * A formatter of instants as ISO times with the zone's offset ("2026-12-07T09:30:00-07:00", to the second). It asks
 * Temporal once per offset span it meets (twice a year in a zone with DST), not once per instant.
 */
export function zonedIsoFormatter(timeZone: string): (t: number) => string {
	const spans: OffsetSpan[] = [];
	let last: OffsetSpan | null = null;
	return (t) => {
		let span: OffsetSpan | undefined = last !== null && t >= last.start && t < last.end ? last : spans.find((s) => t >= s.start && t < s.end);
		if (span === undefined) spans.push((span = spanAt(timeZone, t)));
		last = span;
		return new Date(t + span.offsetMs).toISOString().slice(0, 19) + offsetText(span.offsetMs);
	};
}
