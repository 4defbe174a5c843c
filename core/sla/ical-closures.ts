import type { BusinessCalendar, Closure } from './calendar';
import type { IcsEvent } from './ical';

/** The closure an imported event stands for, with an id stable across imports (its uid and start); null when it lasts no time. */
export function closureOf(event: IcsEvent): Closure | null {
	const lasts = event.allDay ? event.start < event.end : Date.parse(event.start) < Date.parse(event.end);
	if (!lasts) return null;
	return { id: `ical:${event.uid.slice(0, 200)}@${event.start}`, summary: event.summary.trim().slice(0, 300), allDay: event.allDay, start: event.start, end: event.end, source: 'ical' };
}

/** The calendar with the chosen events as its imported closures: replaces every closure an import brought, keeps manual ones. */
export function withIcalClosures<C extends BusinessCalendar>(calendar: C, chosen: readonly IcsEvent[]): C {
	const manual = calendar.closures.filter((c) => c.source !== 'ical');
	const seen = new Set(manual.map((c) => c.id));
	const imported = chosen.flatMap((e) => {
		const closure = closureOf(e);
		if (!closure || seen.has(closure.id)) return [];
		seen.add(closure.id);
		return [closure];
	});
	return { ...calendar, closures: [...manual, ...imported] };
}
