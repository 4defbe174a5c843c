import { Temporal } from 'temporal-polyfill';
import { type BusinessCalendar, minutesOfDay } from '../../core/sla/calendar';

/**
 * The demo district's office days and hours, for placing demo tickets: weekdays' first opening range (07:00 to 15:30),
 * in the calendar's zone (so across DST), skipping weekends and closures.
 */
export function officeHours(calendar: BusinessCalendar) {
	const zone = calendar.timeZone;
	const [open, close] = [minutesOfDay(calendar.hours.mon[0].start), minutesOfDay(calendar.hours.mon[0].end)];
	const closedDays = new Set<string>();
	const partClosures: [number, number][] = [];
	for (const c of calendar.closures) {
		if (!c.allDay) partClosures.push([Date.parse(c.start), Date.parse(c.end)]);
		else for (let d = Temporal.PlainDate.from(c.start); Temporal.PlainDate.compare(d, Temporal.PlainDate.from(c.end)) < 0; d = d.add({ days: 1 })) closedDays.add(d.toString());
	}
	const isOfficeDay = (d: Temporal.PlainDate) => d.dayOfWeek <= 5 && !closedDays.has(d.toString());
	const at = (date: Temporal.PlainDate, minute: number) =>
		date.toZonedDateTime({ timeZone: zone, plainTime: new Temporal.PlainTime(Math.floor(minute / 60), minute % 60) }).epochMilliseconds;
	const local = (t: number) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone);
	return {
		/** Moves a time outside office hours to the next opening (keeping some spread in the minutes), past closures. */
		workTime(t: number): number {
			for (;;) {
				const z = local(t);
				const m = z.hour * 60 + z.minute;
				let date = z.toPlainDate();
				if (m >= close || m < open || !isOfficeDay(date)) {
					if (m >= close) date = date.add({ days: 1 });
					while (!isOfficeDay(date)) date = date.add({ days: 1 });
					t = at(date, m >= close || m < open ? open + (m % 53) : m);
					continue;
				}
				const inside = partClosures.find(([s, e]) => s <= t && t < e);
				if (!inside) return t;
				t = inside[1];
			}
		},
		/** A time `minute` minutes after opening on the office day `days` calendar days before `now` (or the office day before that). */
		filedOn(now: number, days: number, minute: number): number {
			let date = local(now).toPlainDate().subtract({ days });
			while (!isOfficeDay(date)) date = date.subtract({ days: 1 });
			return at(date, open + Math.min(minute, close - open));
		},
		/** Whether the time falls on a day the district is closed all day. */
		onClosure: (t: number) => closedDays.has(local(t).toPlainDate().toString()),
		/** The same local time of day and weekday, whole weeks earlier. */
		weeksEarlier: (t: number, weeks: number) => local(t).subtract({ weeks }).epochMilliseconds,
		/** The length of an office day in minutes. */
		minutesOpen: close - open
	};
}
