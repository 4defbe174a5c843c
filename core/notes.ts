/**
 * Procedure 001: "Generalizations such as 'broken' or 'fixed' are not sufficient." A note is vague when, once the
 * filler is gone, all that is left is a verdict like these, so whoever reads the ticket next learns nothing.
 */
const VERDICTS = new Set(
	(
		'fixed broken done resolved working works worked solved repaired completed complete ok okay good fine sorted set ' +
		'not dont doesnt didnt isnt wont cant work down dead failed failing bad issue problem'
	).split(' ')
);
const FILLER = new Set('it is was its all now the this that has been and should be seems a up again still'.split(' '));

/** Whether a note says no more than "fixed" or "broken". */
export function isVagueNote(text: string): boolean {
	const words = text
		.toLowerCase()
		.replace(/['’]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w && !FILLER.has(w));
	return words.length > 0 && words.length <= 4 && words.every((w) => VERDICTS.has(w));
}
