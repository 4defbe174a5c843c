import type { z } from 'zod';
import type { Priority } from '$core/schemas';
import type { BusinessCalendar } from '$core/sla/calendar';
import { previewDue } from '$core/sla/clock';
import type { ClockNotifyRule } from '$core/notify/clock-notify-rule';
import { type OutageRule, type PriorityTargets, type SlaCell, SlaPolicyDoc, type SlaPolicyFields, SlaTarget } from '$core/sla/policy';

export const PRIORITY_KEYS = ['1', '2', '3', '4'] as const;
export type PriorityKey = (typeof PRIORITY_KEYS)[number];

export type CellMode = 'none' | 'minutes' | 'hours' | 'days' | 'next-business-day';

/** One cell as the form holds it: the amount is text while someone types. */
export interface CellDraft {
	mode: CellMode;
	amount: string;
	aroundTheClock: boolean;
}

export type RowDraft = Record<PriorityKey, CellDraft>;

/** Who hears of one kind of clock news, as two ticks. */
export interface AudienceDraft {
	owner: boolean;
	coordinators: boolean;
}

/** A policy as the form holds it. */
export interface PolicyDraft {
	name: string;
	atRiskPercent: string;
	categorization: CellDraft;
	firstResponse: RowDraft;
	resolution: RowDraft;
	byCategory: { category: string; cells: RowDraft }[];
	outageMode: OutageRule['mode'];
	/** The percentage for 'extend', as typed; kept while another mode is chosen, so switching back does not lose it. */
	extendPercent: string;
	notifyAtRisk: AudienceDraft;
	notifyBreached: AudienceDraft;
}

/** Plain-language problems keyed by field: "name", "atRisk", "categorization", "firstResponse.1", "category.break-fix.3", "outageRule", "notify". */
export type PolicyProblems = Record<string, string>;

const UNIT_WORDS: Record<Exclude<CellMode, 'none' | 'next-business-day'>, string> = { minutes: 'minutes', hours: 'hours', days: 'days' };

/** A cell of a stored policy, as the form shows it. */
export function cellDraft(cell: SlaCell): CellDraft {
	if (cell === null) return { mode: 'none', amount: '', aroundTheClock: false };
	return { mode: cell.unit, amount: cell.amount === undefined ? '' : String(cell.amount), aroundTheClock: cell.clock === 'around-the-clock' };
}

function rowDraft(row: PriorityTargets): RowDraft {
	return { '1': cellDraft(row['1']), '2': cellDraft(row['2']), '3': cellDraft(row['3']), '4': cellDraft(row['4']) };
}

/** A blank row: "no SLA" at every priority. */
export function emptyRow(): RowDraft {
	return rowDraft({ '1': null, '2': null, '3': null, '4': null });
}

const audienceDraft = (audience: ClockNotifyRule['atRisk']): AudienceDraft => ({ owner: audience.includes('owner'), coordinators: audience.includes('coordinators') });
const audienceOf = (draft: AudienceDraft): ClockNotifyRule['atRisk'] => [...(draft.owner ? ['owner' as const] : []), ...(draft.coordinators ? ['coordinators' as const] : [])];

/** The percentage the form offers for 'extend' when the policy has none yet. */
const DEFAULT_EXTEND_PERCENT = '50';

/** The form's starting point for a stored policy. */
export function policyDraft(policy: SlaPolicyDoc): PolicyDraft {
	return {
		name: policy.name,
		atRiskPercent: String(Math.round(policy.atRiskShare * 100)),
		categorization: cellDraft(policy.categorization),
		firstResponse: rowDraft(policy.firstResponse),
		resolution: rowDraft(policy.resolution),
		byCategory: Object.entries(policy.resolutionByCategory).map(([category, row]) => ({ category, cells: rowDraft(row) })),
		outageMode: policy.outageRule.mode,
		extendPercent: policy.outageRule.extendPercent === undefined ? DEFAULT_EXTEND_PERCENT : String(policy.outageRule.extendPercent),
		notifyAtRisk: audienceDraft(policy.notify.atRisk),
		notifyBreached: audienceDraft(policy.notify.breached)
	};
}

/** The outage rule to save: the percentage goes with 'extend' only. */
function outageRuleOf(draft: PolicyDraft): unknown {
	if (draft.outageMode !== 'extend') return { mode: draft.outageMode };
	const text = draft.extendPercent.trim();
	return { mode: 'extend', extendPercent: text === '' ? undefined : Number(text) };
}

/** The cell to save, or a problem in plain words. */
function cellOf(draft: CellDraft): { cell: unknown } | { problem: string } {
	if (draft.mode === 'none') return { cell: null };
	const clock = draft.aroundTheClock ? 'around-the-clock' : 'business';
	if (draft.mode === 'next-business-day') return { cell: { unit: 'next-business-day', clock } };
	const amount = Number(draft.amount.trim());
	if (!draft.amount.trim() || !Number.isInteger(amount) || amount < 1 || amount > 100_000)
		return { problem: `Enter a whole number of ${UNIT_WORDS[draft.mode]}, 1 or more.` };
	return { cell: { unit: draft.mode, amount, clock } };
}

/** Where the form shows a schema refusal, from its path in the policy document. */
function problemKey(path: readonly PropertyKey[]): string | null {
	const [field, a, b] = path.map(String);
	if (field === 'name') return 'name';
	if (field === 'atRiskShare') return 'atRisk';
	if (field === 'categorization') return 'categorization';
	if ((field === 'firstResponse' || field === 'resolution') && a) return `${field}.${a}`;
	if (field === 'resolutionByCategory' && a && b) return `category.${a}.${b}`;
	if (field === 'resolutionByCategory' && a) return `category.${a}`;
	if (field === 'outageRule' || field === 'notify') return field;
	return null;
}

/** Where a policy edit comes from and when it is saved. */
export interface PolicySaveContext {
	existing: SlaPolicyDoc;
	by: string;
	now: Date;
}

/** Turns the form into the policy document to save, checked by core's schema, or says per field what to fix. */
export function buildPolicy(draft: PolicyDraft, { existing, by, now }: PolicySaveContext): { doc: SlaPolicyDoc } | { problems: PolicyProblems } {
	const problems: PolicyProblems = {};
	const take = (key: string, cell: CellDraft): unknown => {
		const result = cellOf(cell);
		if ('problem' in result) {
			problems[key] = result.problem;
			return null;
		}
		return result.cell;
	};
	const row = (prefix: string, cells: RowDraft) => Object.fromEntries(PRIORITY_KEYS.map((p) => [p, take(`${prefix}.${p}`, cells[p])]));
	const percent = Number(draft.atRiskPercent.trim());
	if (!draft.atRiskPercent.trim() || !Number.isFinite(percent) || percent <= 0 || percent >= 100)
		problems.atRisk = 'Enter a percentage between 1 and 99: a clock is at risk once that share of its target has run.';
	const seen = new Set<string>();
	for (const { category } of draft.byCategory) {
		if (seen.has(category)) problems[`category.${category}`] = 'This category has two rows: remove one.';
		seen.add(category);
	}
	const candidate = {
		...existing,
		name: draft.name,
		atRiskShare: percent / 100,
		categorization: take('categorization', draft.categorization),
		firstResponse: row('firstResponse', draft.firstResponse),
		resolution: row('resolution', draft.resolution),
		resolutionByCategory: Object.fromEntries(draft.byCategory.map(({ category, cells }) => [category, row(`category.${category}`, cells)])),
		outageRule: outageRuleOf(draft),
		notify: { atRisk: audienceOf(draft.notifyAtRisk), breached: audienceOf(draft.notifyBreached) },
		updatedAt: now.toISOString(),
		updatedBy: by
	};
	const parsed = SlaPolicyDoc.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const key = problemKey(issue.path);
			if (key === null) throw new Error(`The policy could not be built: ${issue.message} at ${issue.path.join('.')}`);
			problems[key] ??= FIXED_WORDS[key] ?? plainIssue(issue);
		}
	}
	return parsed.success && Object.keys(problems).length === 0 ? { doc: parsed.data } : { problems };
}

const FIXED_WORDS: Record<string, string> = {
	name: 'Give the policy a name (up to 120 characters).',
	outageRule: 'Enter a whole percentage from 1 to 1000: at 50%, a target of 4 hours becomes 6 hours.'
};

function plainIssue(issue: z.core.$ZodIssue): string {
	return issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
}

/** One line of the preview: when a ticket filed at `openedAt` with this priority would be due. */
export interface PreviewLine {
	priority: Priority;
	firstResponse: number | null;
	resolution: number | null;
	categorization: number | null;
}

/** Due times of a ticket filed at `openedAt` at each priority, with `category` (null: filed without one). */
export function previewLines(policy: SlaPolicyDoc, calendar: BusinessCalendar, category: string | null, openedAt: number): PreviewLine[] {
	const setup = { policy, calendar, isStaff: () => false };
	return ([1, 2, 3, 4] as const).map((priority) => ({ priority, ...previewDue(setup, priority, category, openedAt) }));
}

/**
 * When a ticket filed at `openedAt` would be due under this one cell, if nothing pauses it: null for "no SLA",
 * undefined while the cell is not filled in right. Computed by the engine, on a policy made of this cell alone.
 */
export function cellDue(draft: CellDraft, calendar: BusinessCalendar, openedAt: number): number | null | undefined {
	const result = cellOf(draft);
	if ('problem' in result) return undefined;
	if (result.cell === null) return null;
	const target = SlaTarget.safeParse(result.cell);
	if (!target.success) return undefined;
	const row = { '1': target.data, '2': null, '3': null, '4': null };
	const policy: SlaPolicyFields = {
		id: 'preview',
		name: 'Preview',
		source: '',
		atRiskShare: 0.75,
		defaultPriority: 1,
		categorization: null,
		firstResponse: row,
		resolution: row,
		resolutionByCategory: {},
		outageRule: { mode: 'none' },
		notify: { atRisk: [], breached: [] }
	};
	return previewDue({ policy, calendar, isStaff: () => false }, 1, null, openedAt).resolution;
}
