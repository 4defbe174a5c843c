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

/** Whether a document matches a Mango selector (the subset replication filters use). */
export function matchesSelector(doc: Record<string, unknown>, selector: Selector): boolean {
	return Object.entries(selector).every(([key, condition]) => {
		if ((key === '$and' || key === '$or') && !(Array.isArray(condition) && condition.every((s) => s && typeof s === 'object' && !Array.isArray(s))))
			throw new HTTPException(400, { message: `The selector operator ${key} needs an array of selectors.` });
		if (key === '$and') return (condition as Selector[]).every((s) => matchesSelector(doc, s));
		if (key === '$or') return (condition as Selector[]).some((s) => matchesSelector(doc, s));
		return matchCondition(valueAt(doc, key), condition);
	});
}
