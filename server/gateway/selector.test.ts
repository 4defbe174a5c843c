import { describe, expect, it } from 'vitest';
import { matchesSelector, SELECTOR_MAX_DEPTH, selectorProblem } from './selector';

const nested = (depth: number) => {
	let selector: Record<string, unknown> = { type: 'ticket' };
	for (let i = 1; i < depth; i++) selector = { $and: [selector] };
	return selector;
};

describe('selectorProblem', () => {
	it('accepts the selectors replication filters use', () => {
		const selector = { type: 'ticket', $or: [{ status: { $in: ['new', 'assigned'] } }, { priority: { $gte: 2, $exists: true } }] };
		expect(selectorProblem(selector)).toBeNull();
		expect(matchesSelector({ type: 'ticket', status: 'new' }, selector)).toBe(true);
	});

	it('refuses a selector nested deeper than the bound, however deep, without overflowing the stack', () => {
		expect(selectorProblem(nested(5))).toBeNull();
		expect(selectorProblem(nested(100_000))).toMatch(`at most ${SELECTOR_MAX_DEPTH} levels`);
	});

	it('refuses a selector with too many conditions', () => {
		expect(selectorProblem({ $or: Array.from({ length: 2000 }, (_, i) => ({ code: `c${i}` })) })).toMatch(/at most 1000 conditions/);
	});

	it('refuses operators it does not evaluate, and $and/$or without an array of selectors, before any document is read', () => {
		expect(selectorProblem({ title: { $regex: '^x' } })).toMatch(/\$regex is not supported/);
		expect(selectorProblem({ $or: { a: 1 } })).toMatch(/\$or needs an array/);
		expect(selectorProblem({ $and: [1] })).toMatch(/\$and needs an array/);
	});
});
