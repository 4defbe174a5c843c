import { HTTPException } from 'hono/http-exception';

type Selector = Record<string, unknown>;

function valueAt(doc: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function matchCondition(value: unknown, condition: unknown): boolean {
	if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return same(value, condition);
	return Object.entries(condition as Record<string, unknown>).every(([op, arg]) => {
		switch (op) {
			case '$eq':
				return same(value, arg);
			case '$ne':
				return !same(value, arg);
			case '$in':
				return Array.isArray(arg) && arg.some((a) => same(a, value));
			case '$nin':
				return Array.isArray(arg) && !arg.some((a) => same(a, value));
			case '$exists':
				return (value !== undefined) === arg;
			case '$gt':
				return (value as number) > (arg as number);
			case '$gte':
				return (value as number) >= (arg as number);
			case '$lt':
				return (value as number) < (arg as number);
			case '$lte':
				return (value as number) <= (arg as number);
			default:
				throw new HTTPException(400, { message: `The selector operator ${op} is not supported here; use $eq, $ne, $in, $nin, $exists, $gt, $gte, $lt, $lte, $and or $or.` });
		}
	});
}

/** How deeply a selector may nest, and how many objects, arrays and values it may hold in all. */
export const SELECTOR_MAX_DEPTH = 20;
export const SELECTOR_MAX_NODES = 1000;

const OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$exists', '$gt', '$gte', '$lt', '$lte', '$and', '$or']);

function operatorProblem(object: Selector, keys: string[]): string | null {
	for (const key of keys) {
		if (!key.startsWith('$')) continue;
		if (!OPERATORS.has(key))
			return `The selector operator ${key} is not supported here; use $eq, $ne, $in, $nin, $exists, $gt, $gte, $lt, $lte, $and or $or.`;
		const arg = object[key];
		if ((key === '$and' || key === '$or') && !(Array.isArray(arg) && arg.every((s) => s && typeof s === 'object' && !Array.isArray(s))))
			return `The selector operator ${key} needs an array of selectors.`;
	}
	return null;
}

/**
 * What makes a selector unsupported or too big to evaluate safely, or null. It walks without recursion, so a selector nested
 * thousands deep is refused rather than overflowing the stack.
 */
export function selectorProblem(selector: unknown): string | null {
	const stack: { value: unknown; depth: number }[] = [{ value: selector, depth: 1 }];
	let nodes = 1;
	while (stack.length) {
		const { value, depth } = stack.pop() as { value: unknown; depth: number };
		if (!value || typeof value !== 'object') continue;
		if (depth > SELECTOR_MAX_DEPTH) return `A selector may nest at most ${SELECTOR_MAX_DEPTH} levels deep.`;
		const keys = Object.keys(value);
		nodes += keys.length;
		if (nodes > SELECTOR_MAX_NODES) return `A selector may hold at most ${SELECTOR_MAX_NODES} conditions and values.`;
		if (!Array.isArray(value)) {
			const problem = operatorProblem(value as Selector, keys);
			if (problem) return problem;
		}
		for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
	}
	return null;
}

/** Whether a document matches a Mango selector (the subset replication filters use); check it with selectorProblem first. */
export function matchesSelector(doc: Record<string, unknown>, selector: Selector): boolean {
	return Object.entries(selector).every(([key, condition]) => {
		if ((key === '$and' || key === '$or') && !(Array.isArray(condition) && condition.every((s) => s && typeof s === 'object' && !Array.isArray(s))))
			throw new HTTPException(400, { message: `The selector operator ${key} needs an array of selectors.` });
		if (key === '$and') return (condition as Selector[]).every((s) => matchesSelector(doc, s));
		if (key === '$or') return (condition as Selector[]).some((s) => matchesSelector(doc, s));
		return matchCondition(valueAt(doc, key), condition);
	});
}
