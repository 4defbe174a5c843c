import { DEFAULT_CLOCK_NOTIFY_RULE } from '../notify/clock-notify-rule';
import type { OutageRule, PriorityTargets, SlaPolicyFields, SlaTarget } from './policy';

const minutes = (amount: number): SlaTarget => ({ unit: 'minutes', amount, clock: 'business' });
const hours = (amount: number): SlaTarget => ({ unit: 'hours', amount, clock: 'business' });
const days = (amount: number): SlaTarget => ({ unit: 'days', amount, clock: 'business' });
const nextBusinessDay: SlaTarget = { unit: 'next-business-day', clock: 'business' };
const aroundTheClock = (t: SlaTarget): SlaTarget => ({ ...t, clock: 'around-the-clock' });
const every = (cell: SlaTarget | null): PriorityTargets => ({ '1': cell, '2': cell, '3': cell, '4': cell });
const row = (p1: SlaTarget | null, p2: SlaTarget | null, p3: SlaTarget | null, p4: SlaTarget | null): PriorityTargets => ({ '1': p1, '2': p2, '3': p3, '4': p4 });

/**
 * Procedure 001 says times "may be longer" in a disaster or a utility failure; the others say nothing, so every preset
 * suspends a linked ticket's clocks while its outage is open (the district's default) and tells the owner, then the
 * coordinators (issue 9).
 */
const outageRule: OutageRule = { mode: 'pause' };
const notify = DEFAULT_CLOCK_NOTIFY_RULE;

const breakFix = row(hours(4), days(1), days(3), days(4));

/** The procedures' SLAs as policies (shared/procedures 000, 001, 003 and 004). */
export const SLA_PRESETS: readonly SlaPolicyFields[] = [
	{
		id: 'wilson-001',
		name: 'Wilson School District #7 (procedure 001)',
		source:
			'Procedure 001: priority 1 around the clock ("all other times for priority events"), the rest in business hours; in a disaster or utility failure times "may be longer": clocks pause while an outage is open.',
		atRiskShare: 0.75,
		defaultPriority: 3,
		categorization: null,
		firstResponse: row(aroundTheClock(minutes(30)), hours(1), hours(4), nextBusinessDay),
		resolution: row(aroundTheClock(hours(2)), hours(4), days(2), days(3)),
		resolutionByCategory: {},
		outageRule,
		notify
	},
	{
		id: 'ts-pe-004',
		name: 'Technology Services SOP TS-PE-004',
		source: 'Procedure 004: categorize within 2 business hours, acknowledge within 24 hours, resolution by category and priority.',
		atRiskShare: 0.75,
		defaultPriority: 3,
		categorization: hours(2),
		firstResponse: every(days(1)),
		resolution: breakFix,
		resolutionByCategory: {
			'break-fix': breakFix,
			'security-access': breakFix,
			acquisition: row(days(1), days(2), days(3), days(4)),
			inventory: every(days(5)),
			training: every(null),
			'scheduled-maintenance': every(null),
			'process-related': every(null)
		},
		outageRule,
		notify
	},
	{
		id: 'park-city-003',
		name: 'Park City School District (procedure 003)',
		source: 'Procedure 003: respond within 2 business days; no resolution target.',
		atRiskShare: 0.75,
		defaultPriority: 3,
		categorization: null,
		firstResponse: every(days(2)),
		resolution: every(null),
		resolutionByCategory: {},
		outageRule,
		notify
	},
	{
		id: 'milford-000',
		name: 'Milford Public Schools (procedure 000)',
		source: 'Procedure 000: respond within 3 business hours; priority 1 resolved by the next business day.',
		atRiskShare: 0.75,
		defaultPriority: 3,
		categorization: null,
		firstResponse: every(hours(3)),
		resolution: row(nextBusinessDay, null, null, null),
		resolutionByCategory: {},
		outageRule,
		notify
	}
];

/** The demo district's active policy. */
export const DEMO_ACTIVE_POLICY = 'ts-pe-004';
