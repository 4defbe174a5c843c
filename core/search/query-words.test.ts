import { describe, expect, it } from 'vitest';
import { searchWords } from './query-words';
import { parseQuery } from './ticket-text';

const plan = (q: string) => searchWords(parseQuery(q).words);

describe('searchWords', () => {
	it('drops repeated and common words, English and Spanish', () => {
		expect(plan('the projector and the lamp')).toEqual([
			{ term: 'projector', prefix: false, fuzzy: true, common: false },
			{ term: 'lamp', prefix: true, fuzzy: false, common: false }
		]);
		expect(plan('la impresora de la sala').map((w) => w.term)).toEqual(['impresora', 'sala']);
		expect(plan('rep rep rep')).toEqual([{ term: 'rep', prefix: true, fuzzy: false, common: false }]);
	});

	it('makes a prefix of the last word only, the one being typed, from 3 letters', () => {
		expect(plan('proj lab rep')).toEqual([
			{ term: 'proj', prefix: false, fuzzy: false, common: false },
			{ term: 'lab', prefix: false, fuzzy: false, common: false },
			{ term: 'rep', prefix: true, fuzzy: false, common: false }
		]);
		expect(plan('lamp re').at(-1)).toEqual({ term: 're', prefix: false, fuzzy: false, common: false });
	});

	it('looks for one common word, whole, in titles and names, when the search is only common words', () => {
		expect(plan('the and of')).toEqual([{ term: 'the', prefix: false, fuzzy: false, common: true }]);
		expect(plan('que')).toEqual([{ term: 'que', prefix: false, fuzzy: false, common: true }]);
	});

	it('bounds the worst search of 200 characters to 4 words of at most 40 letters, one of them a prefix', () => {
		const worst = [
			Array(50).fill('the').join(' '),
			Array(50).fill('rep').join(' '),
			['repl', 'proj', 'conf', 'teac', 'orde', 'cart', 'acce', 'ceil', 'rese', 'firm'].join(' ').repeat(5),
			'a'.repeat(200),
			'warranty '.repeat(22),
			Array.from({ length: 50 }, (_, i) => `w${i}x`).join(' ')
		].map((q) => q.slice(0, 200));
		for (const q of worst) {
			const words = plan(q);
			expect(words.length, q).toBeLessThanOrEqual(4);
			for (const w of words) expect(w.term.length, q).toBeLessThanOrEqual(40);
			expect(words.filter((w) => w.prefix).length, q).toBeLessThanOrEqual(1);
		}
		expect(plan(worst[3] ?? '')).toEqual([{ term: 'a'.repeat(40), prefix: true, fuzzy: true, common: false }]);
		expect(plan(worst[5] ?? '').map((w) => w.term)).toEqual(['w0x', 'w1x', 'w2x', 'w3x']);
	});
});
