import { describe, expect, it } from 'vitest';
import { suggestFromTranscript, transcriptWords } from './suggest';

const buildings = [
	{ code: 'lincoln-es', name: 'Lincoln Elementary School' },
	{ code: 'maple-grove-es', name: 'Maple Grove Elementary School' },
	{ code: 'lakeside-hs', name: 'Lakeside High School' },
	{ code: 'lakeside-es', name: 'Lakeside Elementary School' },
	{ code: 'oak-hill-es', name: 'Oak Hill Elementary School' },
	{ code: 'district-office', name: 'District Office' }
];
const categories = [
	{ code: 'break-fix', name: 'Hardware / Software Break Fix', description: 'Computers, laptops, projectors, phones, printers, cartridges, monitors.' },
	{ code: 'security-access', name: 'Security Access', description: 'Network access, internet access and passwords: accounts, password resets, blocked websites.' },
	{ code: 'training', name: 'Training', description: 'Technology training for teachers.' }
];
const articles = [
	{ _id: 'kb:printer-jam', title: 'Clear a printer jam', tags: ['printer', 'copier', 'jam', 'paper'] },
	{ _id: 'kb:password-reset', title: 'Reset your password', tags: ['password', 'reset', 'account', 'login', 'locked'] },
	{ _id: 'kb:projector', title: 'Projector shows no picture', tags: ['projector', 'display', 'hdmi', 'screen'] }
];
const known = { buildings, categories, articles };

describe('suggestFromTranscript', () => {
	it('suggests the building the caller names, the category and the article their words point to', () => {
		const s = suggestFromTranscript(
			'Hi, this is Linda Garcia at Maple Grove Elementary, room 12. The printer in the office is jammed again. Call me back at 303-555-0142.',
			known
		);
		expect(s.building).toEqual({ code: 'maple-grove-es', words: 'Maple Grove Elementary School' });
		// "printer" is a description word of break-fix only (printers): 1 point, nothing elsewhere.
		expect(s.category).toEqual({ code: 'break-fix', words: ['printer'] });
		// "printer" hits the jam article's title (3) and tags (2); "jammed" starts with "jam" but "jam" is under 4 letters.
		expect(s.articles).toEqual([{ id: 'kb:printer-jam', title: 'Clear a printer jam' }]);
	});

	it('picks between two buildings sharing a name by the kind of school the caller said', () => {
		expect(suggestFromTranscript('Calling from Lakeside High, the projector is dead', known).building?.code).toBe('lakeside-hs');
		expect(suggestFromTranscript('Lakeside elementary here', known).building?.code).toBe('lakeside-es');
		expect(suggestFromTranscript('This is Lakeside, the projector is dead', known).building, 'a tie suggests nothing').toBeNull();
	});

	it('needs a multi-word name said in full and in order, and ignores accents and case', () => {
		expect(suggestFromTranscript('the oak tree on the hill fell on the cable', known).building).toBeNull();
		expect(suggestFromTranscript('OAK HILL, el proyector no funciona', known).building?.code).toBe('oak-hill-es');
		expect(suggestFromTranscript('the district office printer', known).building?.code).toBe('district-office');
		expect(suggestFromTranscript('Líncoln here', known).building?.code).toBe('lincoln-es');
	});

	it('weighs a category’s name above its description and suggests none on a tie or no match', () => {
		// "password" (description of security-access: passwords, password) 1, "reset" (resets) 1, "access" name 2 + description 1.
		expect(suggestFromTranscript('I need access, my password needs a reset', known).category).toEqual({ code: 'security-access', words: ['access', 'password', 'reset'] });
		expect(suggestFromTranscript('The printer and the internet are both down', known).category, 'one point each').toBeNull();
		expect(suggestFromTranscript('Hi, please call me back, thank you', known)).toEqual({ building: null, category: null, articles: [] });
	});

	it('ranks help articles, leaving out weak matches', () => {
		// password: title 3 + tags 2 = 5; reset: title 3 + tags 2 = 5; the password article scores 10, the rest 0.
		expect(suggestFromTranscript('password reset please', known).articles.map((a) => a.id)).toEqual(['kb:password-reset']);
		// "screen" is only a tag of the projector article: 2, under the 3 a suggestion needs.
		expect(suggestFromTranscript('my screen', known).articles).toEqual([]);
	});
});

describe('transcriptWords', () => {
	it('lower-cases, drops accents and apostrophes, and splits on everything else', () => {
		expect(transcriptWords("Teacher's laptop — ¿Está rota? 303-555")).toEqual(['teachers', 'laptop', 'esta', 'rota', '303', '555']);
	});
});
