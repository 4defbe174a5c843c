// What the SLA manager computes with, loaded on demand (sla-manager.svelte.ts): the engine and the Temporal polyfill
// under it are ~75 KB of a cold start's scripts, and a cold start's first rows have no SLA setup to use them with (the
// setup is read from the database after those rows have shown).
export { CalendarDoc } from '$core/sla/calendar';
export { clockBadge, clockLines, promiseWords } from '$core/sla/clock-words';
export { aroundTheClockTargets, clocksAt } from '$core/sla/clocks-at';
export { parseIsoTime } from '$core/sla/iso-time';
export { outageHolds, outageSpans } from '$core/sla/outage-rule';
export { SlaPolicyDoc, SlaSettingsDoc } from '$core/sla/policy';
export { staffTest } from '$core/sla/staff';
export { queueOrder } from '$core/queues';
