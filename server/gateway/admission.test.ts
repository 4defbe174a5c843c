import { describe, expect, it } from 'vitest';
import { Admission } from './admission';

/** A piece of work that ends when the test says so. */
function gate() {
	let open!: () => void;
	let fail!: (error: Error) => void;
	const done = new Promise<void>((resolve, reject) => ((open = resolve), (fail = reject)));
	return { done, open, fail };
}

describe('Admission', () => {
	it('runs at most its slots at once and starts the others in arrival order as slots free', async () => {
		const admission = new Admission(2);
		const gates = Array.from({ length: 5 }, gate);
		const started: number[] = [];
		const runs = gates.map((g, i) => admission.run(async () => (started.push(i), g.done)));
		await Promise.resolve();
		expect(started).toEqual([0, 1]);
		expect(admission.waiting).toBe(3);
		gates[1].open();
		await runs[1];
		expect(started).toEqual([0, 1, 2]);
		gates[0].open();
		await runs[0];
		expect(started).toEqual([0, 1, 2, 3]);
		for (const g of gates) g.open();
		await Promise.all(runs);
		expect(started).toEqual([0, 1, 2, 3, 4]);
		expect(admission.waiting).toBe(0);
	});

	it('frees the slot of work that fails', async () => {
		const admission = new Admission(1);
		const first = gate();
		const failing = admission.run(() => first.done);
		let secondRan = false;
		const second = admission.run(async () => void (secondRan = true));
		first.fail(new Error('store gone'));
		await expect(failing).rejects.toThrow('store gone');
		await second;
		expect(secondRan).toBe(true);
	});

	it('drops a waiter whose client left: it never runs and holds no place in the queue', async () => {
		const admission = new Admission(1);
		const first = gate();
		const running = admission.run(() => first.done);
		const client = new AbortController();
		let abandonedRan = false;
		const abandoned = admission.run(async () => void (abandonedRan = true), { signal: client.signal });
		expect(admission.waiting).toBe(1);
		client.abort();
		await expect(abandoned).rejects.toThrow('left');
		expect(admission.waiting).toBe(0);
		first.open();
		await running;
		await admission.run(async () => undefined);
		expect(abandonedRan).toBe(false);
	});

	it('lets one owner hold no more than their share of the slots, so others still start', async () => {
		const admission = new Admission(4, 1);
		const hog = Array.from({ length: 4 }, gate);
		const started: string[] = [];
		const hogRuns = hog.map((g, i) => admission.run(async () => (started.push(`hog${i}`), g.done), { owner: 'hog' }));
		const other = admission.run(async () => void started.push('other'), { owner: 'someone-else' });
		await other;
		expect(started).toEqual(['hog0', 'other']);
		for (const [i, g] of hog.entries()) {
			g.open();
			await hogRuns[i];
		}
		expect(started).toEqual(['hog0', 'other', 'hog1', 'hog2', 'hog3']);
	});
});
