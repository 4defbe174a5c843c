import { describe, expect, it } from 'vitest';
import { findSecrets } from '$core/secrets';
import { splitAtSecrets } from './secret-marks';

describe('marking secrets in a text', () => {
	it('marks exactly the password and keeps every other character', () => {
		const text = 'Email broken.\nmy password is Tiger$2024 since Monday';
		const pieces = splitAtSecrets(text, findSecrets(text));
		expect(pieces.filter((p) => p.secret).map((p) => p.text)).toEqual(['Tiger$2024']);
		expect(pieces.map((p) => p.text).join('')).toBe(text);
	});

	it('returns the text as one unmarked piece when nothing is found', () => {
		expect(splitAtSecrets('The projector is dead', [])).toEqual([{ text: 'The projector is dead', secret: false }]);
	});
});
