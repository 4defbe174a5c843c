import { describe, expect, it } from 'vitest';
import { foldText, originalSpan } from './fold-text';

describe('foldText', () => {
	it('turns full-width and compatibility characters into their plain forms (NFKC)', () => {
		expect(foldText('ｐａｓｓｗｏｒｄ：ﬁne').text).toBe('password:fine');
	});

	it('drops zero-width spaces, joiners, word joiners, soft hyphens and bidi marks', () => {
		expect(foldText('pa\u200Bs\u200Cs\u200Dw\u2060o\u00ADr\u200Ed\uFEFF').text).toBe('password');
	});

	it('folds Cyrillic and Greek look-alikes to the Latin letters they imitate', () => {
		expect(foldText('\u0420\u0430ss\u0455\u043ern \u0391\u03bf').text).toBe('Passsorn Ao');
	});

	it('composes a letter with its combining accent', () => {
		expect(foldText('contrasen\u0303a').text).toBe('contraseña');
	});

	it('joins a spelled-out label and leaves other spaced letters alone', () => {
		expect(foldText('P a s s w o r d: x, p.w.d, choose A B C D').text).toBe('Password: x, pwd, choose A B C D');
	});

	it('maps every folded character back to the span it came from', () => {
		const text = 'my p a s s\u200Bword: T\u0456ger';
		const folded = foldText(text);
		expect(folded.text).toBe('my password: Tiger');
		const at = folded.text.indexOf('Tiger');
		const span = originalSpan(folded, at, at + 5);
		expect(text.slice(span.start, span.end)).toBe('T\u0456ger');
		const label = originalSpan(folded, 3, 11);
		expect(text.slice(label.start, label.end)).toBe('p a s s\u200Bword');
	});

	it('keeps the spans right when folding makes the text longer than the original', () => {
		const text = `${'\u3392'.repeat(40)} p\u0430ss: T\u0456ger$2024`;
		const folded = foldText(text);
		expect(folded.text.startsWith('MHz'.repeat(40))).toBe(true);
		const at = folded.text.indexOf('Tiger');
		const span = originalSpan(folded, at, at + 10);
		expect(text.slice(span.start, span.end)).toBe('T\u0456ger$2024');
	});

	it('keeps a plain text as it is, each character mapped to itself', () => {
		const folded = foldText('printer jam in room 12');
		expect(folded.text).toBe('printer jam in room 12');
		expect(originalSpan(folded, 8, 11)).toEqual({ start: 8, end: 11 });
	});
});
