import { readFileSync } from 'node:fs';
import { CALENDAR_ID, type CalendarDoc, type WeeklyHours } from '../../core/sla/calendar';
import { readIcs } from '../../core/sla/ical';
import { withIcalClosures } from '../../core/sla/ical-closures';
import { SLA_SETTINGS_ID, type SlaPolicyDoc, type SlaSettingsDoc } from '../../core/sla/policy';
import { DEMO_ACTIVE_POLICY, SLA_PRESETS } from '../../core/sla/presets';

/** The demo district's published calendar for 2026-27, kept byte for byte as the district publishes it. */
export const DEMO_ICS = readFileSync(new URL('./lakeside-2026-27.ics', import.meta.url), 'utf8');
const ADMIN = 'admin';
const weekday = [{ start: '07:00', end: '15:30' }];
const HOURS: WeeklyHours = { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] };

/** The demo district's calendar: America/Denver, weekdays 07:00 to 15:30, closed on the file's "District Closed" days. */
export function demoCalendar(now: Date): CalendarDoc {
	const base: CalendarDoc = { _id: CALENDAR_ID, type: 'calendar', timeZone: 'America/Denver', hours: HOURS, overrides: [], closures: [], updatedAt: now.toISOString(), updatedBy: ADMIN };
	// The file covers one school year whatever today is, so the window is wide; its "District Closed" events are the ones chosen by default.
	const read = readIcs(DEMO_ICS, { timeZone: base.timeZone, now: now.getTime(), from: Date.parse('2000-01-01T00:00:00Z'), to: Date.parse('2100-01-01T00:00:00Z') });
	if ('error' in read) throw new Error(`demo calendar: ${read.error}`);
	return withIcalClosures(base, read.events.filter((e) => e.closure));
}

/** The SLA documents of the demo district: its calendar, the four procedures as policies, and TS-PE-004 active. */
export function demoSlaDocs(now: Date): (CalendarDoc | SlaPolicyDoc | SlaSettingsDoc)[] {
	const stamp = { updatedAt: now.toISOString(), updatedBy: ADMIN };
	const policies = SLA_PRESETS.map((p): SlaPolicyDoc => ({ _id: `sla-policy:${p.id}`, type: 'sla-policy', ...p, ...stamp }));
	const settings: SlaSettingsDoc = { _id: SLA_SETTINGS_ID, type: 'sla-settings', activePolicy: DEMO_ACTIVE_POLICY, ...stamp };
	return [demoCalendar(now), ...policies, settings];
}
