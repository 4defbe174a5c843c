/** The checks procedure 003 asks for before filing a ticket, in its order. */
export const SELF_CHECKS: readonly { id: string; text: string }[] = [
	{ id: 'cables', text: 'All cords and cables are plugged in firmly.' },
	{ id: 'power', text: 'The power outlet has electricity (another device works there).' },
	{ id: 'others', text: 'I asked whether others have the same problem.' },
	{ id: 'log-out', text: 'I logged out and logged back in.' },
	{ id: 'restart', text: 'I shut the computer down and restarted it.' },
	{ id: 'internet', text: 'I can reach other websites on the internet.' },
	{ id: 'batteries', text: 'The batteries are charged (laptop, mouse, keyboard, remote).' }
];
