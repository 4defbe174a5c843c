import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnswerGate } from './answer-gate';

/** A promise settled from outside, standing for an answer under way. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
	return { promise, resolve, reject };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
	let done = false;
	void promise.then(() => (done = true));
	await vi.advanceTimersByTimeAsync(0);
	return done;
}

describe('AnswerGate', () => {
	afterEach(() => vi.useRealTimers());

	it('lets background work start at once when no answer is under way', async () => {
		vi.useFakeTimers();
		expect(await settled(new AnswerGate().quiet(2000))).toBe(true);
	});

	it('holds background work until every answer under way is sent, and passes each answer’s value through', async () => {
		vi.useFakeTimers();
		const gate = new AnswerGate();
		const first = deferred<string>();
		const second = deferred<string>();
		const answers = [gate.answering(() => first.promise), gate.answering(() => second.promise)];
		const quiet = gate.quiet(2000);
		first.resolve('3AU-222');
		expect(await settled(quiet)).toBe(false);
		second.resolve('3AU-223');
		expect(await settled(quiet)).toBe(true);
		expect(await Promise.all(answers)).toEqual(['3AU-222', '3AU-223']);
	});

	it('counts an answer that fails as finished, and passes its error on', async () => {
		vi.useFakeTimers();
		const gate = new AnswerGate();
		const failing = deferred<string>();
		const answer = gate.answering(() => failing.promise);
		const quiet = gate.quiet(2000);
		failing.reject(new Error('the store is down'));
		await expect(answer).rejects.toThrow('the store is down');
		expect(await settled(quiet)).toBe(true);
		expect(await settled(gate.quiet(2000))).toBe(true);
	});

	it('lets background work start after the longest wait even while answers keep coming', async () => {
		vi.useFakeTimers();
		const gate = new AnswerGate();
		void gate.answering(() => new Promise(() => undefined));
		const quiet = gate.quiet(2000);
		await vi.advanceTimersByTimeAsync(1999);
		expect(await settled(quiet)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(quiet)).toBe(true);
	});

	it('counts a section entered by hand until it is left, and a second leave changes nothing', async () => {
		vi.useFakeTimers();
		const gate = new AnswerGate();
		const leaveFirst = gate.enter();
		const leaveSecond = gate.enter();
		const quiet = gate.quiet(2000);
		leaveFirst();
		leaveFirst();
		expect(await settled(quiet)).toBe(false);
		leaveSecond();
		expect(await settled(quiet)).toBe(true);
	});
});
