import { Temporal } from 'temporal-polyfill';
import type { IcsProperty } from './ical-lines';
import { ianaZone } from './ical-zones';

/** A DATE or DATE-TIME value: a date (all day), wall-clock time in a zone (TZID or floating), or UTC ('Z'). */
export type IcsStamp =
	| { kind: 'date'; date: Temporal.PlainDate }
	| { kind: 'zoned'; time: Temporal.PlainDateTime; zone: string };

/** Where time values are read: the zone of floating times, and the file's own VTIMEZONE ids. */
export interface ZoneContext {
	floatingZone: string;
	aliases: ReadonlyMap<string, string>;
}

/**
 * Reads one date or date-time value. Bare dates count as dates with or without VALUE=DATE; dashes and colons
 * ("2026-08-12T16:00:00Z") and times without seconds are tolerated. TZID times are wall-clock times in that zone.
 */
export function readStamp(prop: IcsProperty, value: string, ctx: ZoneContext): IcsStamp | { error: string } {
	const compact = value.trim().replace(/[-:]/g, '');
	const m = compact.match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i);
	if (!m) return { error: `line ${prop.line}: ${prop.name} "${value.slice(0, 40)}" is not a date or a time (YYYYMMDD or YYYYMMDDTHHMMSS).` };
	const [, y, mo, d, h, mi, s, z] = m;
	try {
		const date = Temporal.PlainDate.from({ year: +y, month: +mo, day: +d }, { overflow: 'reject' });
		if (h === undefined) return { kind: 'date', date };
		const time = date.toPlainDateTime(Temporal.PlainTime.from({ hour: +h, minute: +mi, second: +(s ?? 0) }, { overflow: 'reject' }));
		if (z) return { kind: 'zoned', time, zone: 'UTC' };
		const tzid = prop.params.TZID;
		if (tzid === undefined) return { kind: 'zoned', time, zone: ctx.floatingZone };
		const zone = ianaZone(tzid, ctx.aliases);
		if (!zone) return { error: `line ${prop.line}: the time zone "${tzid.slice(0, 60)}" is unknown; use a name such as America/Denver.` };
		return { kind: 'zoned', time, zone };
	} catch {
		return { error: `line ${prop.line}: ${prop.name} "${value.slice(0, 40)}" is not a real date or time.` };
	}
}

/** The instant a stamp starts, in epoch milliseconds; dates start at midnight in `dateZone`. */
export function stampMs(stamp: IcsStamp, dateZone: string): number {
	const zoned = stamp.kind === 'date' ? stamp.date.toZonedDateTime(dateZone) : stamp.time.toZonedDateTime(stamp.zone, { disambiguation: 'compatible' });
	return zoned.epochMilliseconds;
}

/** The stamp's wall-clock fields read as if UTC: within a day of its instant, for cheap bounds before any zone lookup. */
export function wallMs(stamp: IcsStamp): number {
	const t = stamp.kind === 'date' ? stamp.date.toPlainDateTime() : stamp.time;
	return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}
