import { describe, expect, it } from 'vitest';
import type { ChangesResult } from './changes';
import { AnswerShare, queryShareKey, Turns } from './longpoll-share';

const answerAt = (seq: number): ChangesResult => ({ results: [{ seq, id: `ticket:${seq}`, changes: [{ rev: '1-a' }] }], last_seq: seq });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('AnswerShare', () => {
	it('computes one answer for every waiter with the same key at the same sequence, and serialises it once', async () => {
		const share = new AnswerShare();
		let computed = 0;
		const compute = async () => {
			computed++;
			return answerAt(7);
		};
		const answers = await Promise.all(Array.from({ length: 500 }, () => share.answer('tech-n|scope|q|6', 7, compute)));
		expect(computed).toBe(1);
		expect(new Set(answers.map((a) => a.bytes)).size).toBe(1);
		expect(new TextDecoder().decode(answers[0].bytes)).toBe('{"results":[{"seq":7,"id":"ticket:7","changes":[{"rev":"1-a"}]}],"last_seq":7}\n');
	});

	it('computes separately for another key (another person, scope, query or since)', async () => {
		const share = new AnswerShare();
		const keys: string[] = [];
		const compute = (key: string) => async () => {
			keys.push(key);
			return answerAt(3);
		};
		for (const key of ['tech-n|s1|q|2', 'tech-s|s2|q|2', 'tech-n|s1|q|1']) await share.answer(key, 3, compute(key));
		expect(keys).toEqual(['tech-n|s1|q|2', 'tech-s|s2|q|2', 'tech-n|s1|q|1']);
		expect(share.size).toBe(3);
	});

	it('forgets every answer once the feed has moved on, and computes again for the new sequence', async () => {
		const share = new AnswerShare();
		let computed = 0;
		const compute = async () => answerAt(++computed);
		await share.answer('k', 1, compute);
		await share.answer('other', 1, compute);
		const later = await share.answer('k', 2, compute);
		expect(computed).toBe(3);
		expect(later.result.last_seq).toBe(3);
		expect(share.size).toBe(1);
	});

	it('does not keep a failed answer: the next waiter computes it again', async () => {
		const share = new AnswerShare();
		await expect(share.answer('k', 1, () => Promise.reject(new Error('store gone')))).rejects.toThrow('store gone');
		expect(share.size).toBe(0);
		expect((await share.answer('k', 1, async () => answerAt(1))).result.last_seq).toBe(1);
	});
});

describe('Turns', () => {
	it('lets at most one group go per turn of the event loop, in the order they asked', async () => {
		const turns = new Turns(50);
		const gone: number[] = [];
		for (let i = 0; i < 120; i++) void turns.take().then(() => gone.push(i));
		expect(gone).toHaveLength(0);
		await nextTurn();
		expect(gone).toHaveLength(50);
		await nextTurn();
		expect(gone).toHaveLength(100);
		await nextTurn();
		expect(gone).toEqual(Array.from({ length: 120 }, (_, i) => i));
	});
});

describe('queryShareKey', () => {
	const query = { limit: 100, includeDocs: true, docIds: null };
	it('names two different selectors differently, numbers JSON cannot write included', () => {
		const huge = JSON.parse('{"n": {"$lt": 1e400}}') as Record<string, unknown>;
		const none = JSON.parse('{"n": {"$lt": null}}') as Record<string, unknown>;
		expect(queryShareKey({ ...query, selector: huge })).not.toBe(queryShareKey({ ...query, selector: none }));
		expect(queryShareKey({ ...query, selector: { n: 1 } })).not.toBe(queryShareKey({ ...query, selector: { n: '1' } }));
		expect(queryShareKey({ ...query, selector: { n: 1 } })).toBe(queryShareKey({ ...query, selector: { n: 1 } }));
	});
});
