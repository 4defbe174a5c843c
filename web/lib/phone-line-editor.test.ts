import { describe, expect, it } from 'vitest';
import { PHONE_LINE_ID, type PhoneLineDoc, type Prompts } from '$core/telephony/docs';
import { PROMPT_LABELS, phoneLineToSave, ringable } from './phone-line-editor';

const prompts = Object.fromEntries(Object.keys(PROMPT_LABELS).map((k) => [k, `Say ${k}.`])) as Prompts;
const line: PhoneLineDoc = {
	_id: PHONE_LINE_ID,
	type: 'phone-line',
	prompts: { en: prompts, es: prompts },
	helpdesk: ['mrivera'],
	onCall: ['mrivera', 'jchen'],
	defaultBuilding: 'district-office',
	ringSeconds: 20,
	maxRecordingSeconds: 120,
	audioRetentionDays: 90,
	transcriptWaitMinutes: 10,
	updatedAt: '2026-11-30T10:00:00.000Z',
	_rev: '3-abc'
};

describe('phoneLineToSave', () => {
	it('stamps the time of the save and keeps the revision it replaces', () => {
		expect(phoneLineToSave({ ...line, ringSeconds: 25 }, new Date('2026-12-01T09:00:00.000Z'))).toEqual({
			doc: { ...line, ringSeconds: 25, updatedAt: '2026-12-01T09:00:00.000Z' }
		});
	});

	it('names the field that is wrong, in words', () => {
		const now = new Date('2026-12-01T09:00:00.000Z');
		expect(phoneLineToSave({ ...line, prompts: { en: prompts, es: { ...prompts, menu: '  ' } } }, now)).toEqual({
			problem: 'The Spanish “Menu (open)” prompt is empty: write what the line says.'
		});
		expect(phoneLineToSave({ ...line, onCall: [] }, now)).toEqual({ problem: '“On-call people” needs at least 1.' });
		expect(phoneLineToSave({ ...line, maxRecordingSeconds: 300 }, now)).toEqual({ problem: '“Longest message” can be at most 120.' });
		expect(phoneLineToSave({ ...line, ringSeconds: 2.5 }, now)).toEqual({ problem: '“Ring time” is not valid.' });
	});
});

describe('ringable', () => {
	it('needs a phone number or an extension', () => {
		expect(ringable({ phone: '303-555-0142' })).toBe(true);
		expect(ringable({ extension: '3446' })).toBe(true);
		expect(ringable({ phone: ' ' })).toBe(false);
		expect(ringable({})).toBe(false);
	});
});
