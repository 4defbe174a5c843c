import { z } from 'zod';

const KEY = 'hd:filing-stats';

/** How often a filing ended without a ticket, on this device. Kept across sign-outs: it holds no personal data. */
export const FilingStats = z.object({
	kbSolved: z.number().int().min(0),
	selfCheckSolved: z.number().int().min(0),
	byArticle: z.record(z.string(), z.number().int().min(0))
});
export type FilingStats = z.infer<typeof FilingStats>;

const EMPTY: FilingStats = { kbSolved: 0, selfCheckSolved: 0, byArticle: {} };

/** The counts so far. */
export function filingStats(storage: Storage = localStorage): FilingStats {
	try {
		const parsed = FilingStats.safeParse(JSON.parse(storage.getItem(KEY) ?? 'null'));
		return parsed.success ? parsed.data : EMPTY;
	} catch {
		return EMPTY;
	}
}

/** Counts a filing that a knowledge-base article ended (the person said it solved the problem). */
export function recordKbSolved(articleId: string, storage: Storage = localStorage): FilingStats {
	const stats = filingStats(storage);
	const next = { ...stats, kbSolved: stats.kbSolved + 1, byArticle: { ...stats.byArticle, [articleId]: (stats.byArticle[articleId] ?? 0) + 1 } };
	storage.setItem(KEY, JSON.stringify(next));
	return next;
}

/** Counts a filing that the self-check list ended. */
export function recordSelfCheckSolved(storage: Storage = localStorage): FilingStats {
	const stats = filingStats(storage);
	const next = { ...stats, selfCheckSolved: stats.selfCheckSolved + 1 };
	storage.setItem(KEY, JSON.stringify(next));
	return next;
}
