import type { z } from 'zod';

const PREFIX = 'hd:draft:';

/** A draft kept for this tab, so a reload (a new version, say) never loses what someone typed. */
export function loadDraft<T>(key: string, schema: z.ZodType<T>): T | null {
	try {
		const parsed = schema.safeParse(JSON.parse(sessionStorage.getItem(PREFIX + key) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Keeps a draft; an empty one is removed. */
export function saveDraft(key: string, value: unknown, empty: boolean): void {
	if (empty) sessionStorage.removeItem(PREFIX + key);
	else sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
}

/** Removes one draft. */
export function clearDraft(key: string): void {
	sessionStorage.removeItem(PREFIX + key);
}

/** Removes every draft in this tab (on sign-out: the next person must not see them). */
export function clearAllDrafts(): void {
	for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}

/** How many drafts this tab holds: work a sign-out would lose. */
export function countDrafts(): number {
	return Object.keys(sessionStorage).filter((key) => key.startsWith(PREFIX)).length;
}
