import type { ClockNotifyRule } from '../notify/clock-notify-rule';
import type { OutageRule } from './policy';

/** What the policy's outage rule does, in one sentence for administrators. */
export function outageRuleWords(rule: OutageRule): string {
	if (rule.mode === 'pause') return 'During an outage, the clocks of the tickets linked to it pause until service is restored.';
	if (rule.mode === 'extend') return `Tickets linked to an outage get ${rule.extendPercent ?? 0}% more time on each target.`;
	return 'Outages change no clock: linked tickets keep their targets.';
}

function audienceWords(audience: ClockNotifyRule['atRisk']): string {
	const owner = audience.includes('owner');
	const coordinators = audience.includes('coordinators');
	if (owner && coordinators) return 'the owner and the coordinators';
	if (owner) return 'the owner (the coordinators when nobody owns it)';
	return coordinators ? 'the coordinators' : 'nobody';
}

/** Who hears of a clock at risk and of a breach, in one sentence for administrators. */
export function notifyRuleWords(rule: ClockNotifyRule): string {
	return `At risk: ${audienceWords(rule.atRisk)}. Breached: ${audienceWords(rule.breached)}.`;
}
