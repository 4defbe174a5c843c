import { describe, expect, it } from 'vitest';
import { notifyRuleWords, outageRuleWords } from './rule-words';

describe('outageRuleWords', () => {
	it.each([
		[{ mode: 'pause' as const }, 'During an outage, the clocks of the tickets linked to it pause until service is restored.'],
		[{ mode: 'extend' as const, extendPercent: 50 }, 'Tickets linked to an outage get 50% more time on each target.'],
		[{ mode: 'none' as const }, 'Outages change no clock: linked tickets keep their targets.']
	])('says what %j does', (rule, words) => expect(outageRuleWords(rule)).toBe(words));
});

describe('notifyRuleWords', () => {
	it.each([
		[{ atRisk: ['owner' as const], breached: ['owner' as const, 'coordinators' as const] }, 'At risk: the owner (the coordinators when nobody owns it). Breached: the owner and the coordinators.'],
		[{ atRisk: [], breached: ['coordinators' as const] }, 'At risk: nobody. Breached: the coordinators.']
	])('says who hears of %j', (rule, words) => expect(notifyRuleWords(rule)).toBe(words));
});
