import { z } from 'zod';
import { ClockNotifyRule, DEFAULT_CLOCK_NOTIFY_RULE } from '../notify/clock-notify-rule';
import { code, couch, isoTime } from '../schema-parts';
import { SLA_POLICY_PREFIX, SLA_SETTINGS_ID } from './doc-ids';

const MAX_AMOUNT = { minutes: 525_600, hours: 8_760, days: 365, 'next-business-day': 0 } as const;

/**
 * A target: a length of business minutes, hours or days, or "the close of the next business day".
 * `clock: 'around-the-clock'` counts every minute (emergencies); a day is then 24 hours.
 */
export const SlaTarget = z
	.object({
		unit: z.enum(['minutes', 'hours', 'days', 'next-business-day']),
		amount: z.number().int().min(1).max(525_600).optional(),
		clock: z.enum(['business', 'around-the-clock']).default('business')
	})
	.strict()
	.refine((t) => (t.unit === 'next-business-day' ? t.amount === undefined : t.amount !== undefined), {
		message: 'minutes, hours and days need an amount; "next business day" takes none'
	})
	.refine((t) => !(t.unit === 'next-business-day' && t.clock === 'around-the-clock'), {
		message: '"next business day" runs on the business calendar'
	})
	.refine((t) => t.amount === undefined || t.amount <= MAX_AMOUNT[t.unit], {
		message: 'a target is at most a year: 365 days, 8,760 hours or 525,600 minutes'
	});
export type SlaTarget = z.infer<typeof SlaTarget>;

/** A cell of a policy: a target, or null for "no SLA". */
export const SlaCell = SlaTarget.nullable();
export type SlaCell = z.infer<typeof SlaCell>;

/** One cell per priority, keyed "1" (emergency) to "4" (administrative). */
export const PriorityTargets = z.object({ '1': SlaCell, '2': SlaCell, '3': SlaCell, '4': SlaCell }).strict();
export type PriorityTargets = z.infer<typeof PriorityTargets>;

export const SLA_TARGET_NAMES = ['categorization', 'firstResponse', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGET_NAMES)[number];

/**
 * What an outage does to the tickets linked to it (procedure 001: "stated response and resolution times may be longer"):
 * 'pause' stops their open clocks while the outage is open, 'extend' lengthens their targets by `extendPercent` while they
 * are linked, 'none' leaves them as they are. core/sla/outage-rule.ts applies it.
 */
export const OutageRule = z
	.object({ mode: z.enum(['none', 'pause', 'extend']), extendPercent: z.number().int().min(1).max(1000).optional() })
	.strict()
	.refine((r) => r.mode !== 'extend' || r.extendPercent !== undefined, {
		message: 'extending the targets needs a percentage, 1 to 1000',
		path: ['extendPercent']
	});
export type OutageRule = z.infer<typeof OutageRule>;

export const POLICY_ID_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The fields of a policy, without the document's envelope. */
export const SlaPolicyFields = z
	.object({
		id: z.string().regex(POLICY_ID_RE, 'a policy id is lower-case letters, digits and dashes'),
		name: z.string().trim().min(1).max(120),
		/** Where the targets come from, for people: "Procedure 004", a board decision. */
		source: z.string().trim().max(300).default(''),
		/** A clock is at risk once this share of its target has run (0.75 = 75%). */
		atRiskShare: z.number().gt(0).lt(1).default(0.75),
		/** A ticket without a priority is timed as this priority until someone sets one. */
		defaultPriority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(3),
		/** For tickets filed without a category: time to give them one. */
		categorization: SlaCell,
		firstResponse: PriorityTargets,
		/** Resolution per priority, for categories without a row of their own. */
		resolution: PriorityTargets,
		/** Rows per category. When there is any row, resolution waits for the ticket to have a category. */
		resolutionByCategory: z.record(code, PriorityTargets).default({}),
		/** What an outage does to the clocks of the tickets linked to it. */
		outageRule: OutageRule.default({ mode: 'pause' }),
		/** Who hears of a clock at risk and of a breach. */
		notify: ClockNotifyRule.default(DEFAULT_CLOCK_NOTIFY_RULE)
	})
	.strict();
export type SlaPolicyFields = z.infer<typeof SlaPolicyFields>;

/** A policy as a replicated document: `sla-policy:<id>`. Administrators edit them. */
export const SlaPolicyDoc = z
	.object({
		_id: z.string().regex(/^sla-policy:[a-z0-9][a-z0-9-]{0,39}$/, 'a policy document id is sla-policy:<id>'),
		type: z.literal('sla-policy'),
		...SlaPolicyFields.shape,
		updatedAt: isoTime,
		updatedBy: z.string().min(2).max(64),
		...couch
	})
	.strict()
	.refine((p) => p._id === `${SLA_POLICY_PREFIX}${p.id}`, { message: 'a policy document id is sla-policy:<its id>' });
export type SlaPolicyDoc = z.infer<typeof SlaPolicyDoc>;

export { SLA_SETTINGS_ID };

/** Which policy the district's clocks run on. */
export const SlaSettingsDoc = z
	.object({
		_id: z.literal(SLA_SETTINGS_ID),
		type: z.literal('sla-settings'),
		activePolicy: z.string().regex(POLICY_ID_RE),
		updatedAt: isoTime,
		updatedBy: z.string().min(2).max(64),
		...couch
	})
	.strict();
export type SlaSettingsDoc = z.infer<typeof SlaSettingsDoc>;
