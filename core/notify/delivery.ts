import { compileCalendar, nextOpening } from '../sla/business-time';
import type { BusinessCalendar } from '../sla/calendar';
import { isOutageEvent, type NotifyEvent } from './event';

/** Whether an event goes out at once, whatever the hour: outages, and anything about an emergency (priority 1) ticket. */
export function isEmergency(event: NotifyEvent): boolean {
	return isOutageEvent(event) || event.priority === 1;
}

/**
 * When to send an event seen at `now` (epoch ms): emergencies at once; anything else at once during business hours,
 * else at the district calendar's next opening. A calendar with no opening in 20 years sends at once: mail is late
 * rather than never.
 */
export function deliveryTime(event: NotifyEvent, calendar: BusinessCalendar, now: number): number {
	if (isEmergency(event)) return now;
	try {
		return nextOpening(compileCalendar(calendar), now);
	} catch {
		return now;
	}
}
