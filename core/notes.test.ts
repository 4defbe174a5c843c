import { describe, expect, it } from 'vitest';
import { isVagueNote } from './notes';

describe('isVagueNote', () => {
	it.each(['fixed', 'Fixed.', 'broken', 'BROKEN!', 'It is fixed now', 'done', 'all good', 'works now', 'not working', "doesn't work", 'Resolved', 'fixed it', 'ok', 'all set', 'still broken'])(
		'asks for detail on %j',
		(text) => expect(isVagueNote(text)).toBe(true)
	);

	it.each([
		'Replaced the toner cartridge; test page prints.',
		'Fixed: the projector input was set to HDMI 2, switched it to HDMI 1.',
		'Broken hinge on the Chromebook screen, ordered a replacement (PO 4411).',
		'Reset the password and confirmed the teacher can sign in.',
		'Printer',
		'Set up the new printer in room 4 and added it to the teacher’s laptop.',
		''
	])('accepts %j', (text) => expect(isVagueNote(text)).toBe(false));
});
