import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '$core/sla/calendar';
import type { SlaPolicyDoc } from '$core/sla/policy';
import { SLA_PRESETS } from '$core/sla/presets';
import { buildPolicy, cellDue, emptyRow, policyDraft, previewLines } from './sla-policy-editor';

const tsPe = SLA_PRESETS.find((p) => p.id === 'ts-pe-004');
if (!tsPe) throw new Error('preset missing');
const existing: SlaPolicyDoc = { _id: 'sla-policy:ts-pe-004', _rev: '2-abc', type: 'sla-policy', ...tsPe, updatedAt: '2026-11-01T08:00:00-07:00', updatedBy: 'admin' };
const context = { existing, by: 'mrivera', now: new Date('2026-11-30T16:00:00.000Z') };
const weekday = [{ start: '07:00', end: '15:30' }];
const calendar: BusinessCalendar = {
	timeZone: 'America/Denver',
	hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
	overrides: [],
	closures: []
};

describe('buildPolicy', () => {
	it('gives back the stored policy unchanged but for who saved it and when', () => {
		const result = buildPolicy(policyDraft(existing), context);
		expect(result).toEqual({ doc: { ...existing, updatedAt: '2026-11-30T16:00:00.000Z', updatedBy: 'mrivera' } });
	});

	it('saves a changed cell, "no SLA", around the clock and a new category row', () => {
		const draft = policyDraft(existing);
		draft.byCategory[0].cells['1'] = { mode: 'hours', amount: '2', aroundTheClock: true };
		draft.firstResponse['4'] = { mode: 'none', amount: '', aroundTheClock: false };
		draft.byCategory.push({ category: 'printers', cells: { ...emptyRow(), '3': { mode: 'next-business-day', amount: '', aroundTheClock: false } } });
		draft.atRiskPercent = '80';
		const result = buildPolicy(draft, context);
		if (!('doc' in result)) throw new Error(JSON.stringify(result.problems));
		expect(result.doc.resolutionByCategory['break-fix']['1']).toEqual({ unit: 'hours', amount: 2, clock: 'around-the-clock' });
		expect(result.doc.firstResponse['4']).toBeNull();
		expect(result.doc.resolutionByCategory.printers).toEqual({ '1': null, '2': null, '3': { unit: 'next-business-day', clock: 'business' }, '4': null });
		expect(result.doc.atRiskShare).toBe(0.8);
	});

	it('says in plain words, next to each field, what to fix', () => {
		const draft = policyDraft(existing);
		draft.name = ' ';
		draft.atRiskPercent = '120';
		draft.categorization = { mode: 'hours', amount: '', aroundTheClock: false };
		draft.firstResponse['2'] = { mode: 'minutes', amount: '1.5', aroundTheClock: false };
		draft.resolution['3'] = { mode: 'next-business-day', amount: '', aroundTheClock: true };
		draft.byCategory.push({ category: 'break-fix', cells: emptyRow() });
		const result = buildPolicy(draft, context);
		expect(result).toEqual({
			problems: {
				name: 'Give the policy a name (up to 120 characters).',
				atRisk: 'Enter a percentage between 1 and 99: a clock is at risk once that share of its target has run.',
				categorization: 'Enter a whole number of hours, 1 or more.',
				'firstResponse.2': 'Enter a whole number of minutes, 1 or more.',
				'resolution.3': '"next business day" runs on the business calendar.',
				'category.break-fix': 'This category has two rows: remove one.'
			}
		});
	});
});

describe('previewLines', () => {
	it('gives the due times of a ticket filed on a Friday afternoon at each priority', () => {
		const friday = Date.parse('2026-12-04T14:00:00-07:00');
		const lines = previewLines(existing, calendar, 'break-fix', friday);
		// P1 resolution 4 business hours: 90 min Friday + 150 min Monday -> 09:30. Response 1 business day -> Monday 14:00.
		expect(lines[0]).toEqual({ priority: 1, categorization: null, firstResponse: Date.parse('2026-12-07T14:00:00-07:00'), resolution: Date.parse('2026-12-07T09:30:00-07:00') });
		// P4 resolution 4 business days: Mon, Tue, Wed, Thu -> Thursday 14:00.
		expect(lines[3].resolution).toBe(Date.parse('2026-12-10T14:00:00-07:00'));
	});
});

describe('cellDue', () => {
	const friday = Date.parse('2026-12-04T14:00:00-07:00');
	it('gives the due time of one cell, on the calendar or around the clock', () => {
		// 2 business hours: 90 minutes on Friday, 30 on Monday. Around the clock: 16:00 the same day.
		expect(cellDue({ mode: 'hours', amount: '2', aroundTheClock: false }, calendar, friday)).toBe(Date.parse('2026-12-07T07:30:00-07:00'));
		expect(cellDue({ mode: 'hours', amount: '2', aroundTheClock: true }, calendar, friday)).toBe(Date.parse('2026-12-04T16:00:00-07:00'));
		// The close of the next business day.
		expect(cellDue({ mode: 'next-business-day', amount: '', aroundTheClock: false }, calendar, friday)).toBe(Date.parse('2026-12-07T15:30:00-07:00'));
	});

	it('says "no SLA" with null, and nothing for a cell not filled in right', () => {
		expect(cellDue({ mode: 'none', amount: '', aroundTheClock: false }, calendar, friday)).toBeNull();
		expect(cellDue({ mode: 'days', amount: 'two', aroundTheClock: false }, calendar, friday)).toBeUndefined();
	});
});

describe('buildPolicy: the outage rule and who is told', () => {
	it('starts from the stored rules: pause, the owner at risk, the owner and the coordinators on a breach', () => {
		const draft = policyDraft(existing);
		expect([draft.outageMode, draft.extendPercent]).toEqual(['pause', '50']);
		expect([draft.notifyAtRisk, draft.notifyBreached]).toEqual([
			{ owner: true, coordinators: false },
			{ owner: true, coordinators: true }
		]);
	});

	it('saves "extend by 25%" and who is told', () => {
		const draft = policyDraft(existing);
		draft.outageMode = 'extend';
		draft.extendPercent = ' 25 ';
		draft.notifyAtRisk = { owner: false, coordinators: true };
		draft.notifyBreached = { owner: false, coordinators: false };
		const result = buildPolicy(draft, context);
		if (!('doc' in result)) throw new Error(JSON.stringify(result.problems));
		expect(result.doc.outageRule).toEqual({ mode: 'extend', extendPercent: 25 });
		expect(result.doc.notify).toEqual({ atRisk: ['coordinators'], breached: [] });
	});

	it('keeps no percentage with "pause" or "change nothing"', () => {
		const draft = policyDraft({ ...existing, outageRule: { mode: 'extend', extendPercent: 40 } });
		expect(draft.extendPercent).toBe('40');
		draft.outageMode = 'none';
		const result = buildPolicy(draft, context);
		expect('doc' in result && result.doc.outageRule).toEqual({ mode: 'none' });
	});

	it.each(['', '0', '1001', '12.5', 'half'])('refuses "extend by %s%" in plain words', (percent) => {
		const draft = policyDraft(existing);
		draft.outageMode = 'extend';
		draft.extendPercent = percent;
		expect(buildPolicy(draft, context)).toEqual({ problems: { outageRule: 'Enter a whole percentage from 1 to 1000: at 50%, a target of 4 hours becomes 6 hours.' } });
	});
});
