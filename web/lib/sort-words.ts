import type { stillToSort } from '$core/queues';

const NEEDS: Record<ReturnType<typeof stillToSort>[number], string> = { category: 'choose a category' };

/** What saving a ticket on To sort did, and what it still needs there (from core's stillToSort) when it stays. */
export function sortSavedWords(number: string, assigneeName: string | null, missing: ReturnType<typeof stillToSort>): string {
	const saved = `${number} saved${assigneeName ? `, assigned to ${assigneeName}` : ''}.`;
	return missing.length ? `${saved} Still in To sort: ${missing.map((m) => NEEDS[m]).join(', ')}.` : saved;
}
