import type { KbArticle } from '../core/schemas';

type Entry = [slug: string, kind: KbArticle['kind'], title: string, tags: string[], body: string];

/** The demo district's help articles and FAQs: the fixes people can try before filing (procedure 003). */
const ENTRIES: Entry[] = [
	[
		'printer-paper-jam',
		'article',
		'Clearing a paper jam on the office copier',
		['printer', 'copier', 'jam', 'paper'],
		`## Before you start
Turn the copier **off** and wait a minute: the fuser inside is hot.

## Steps
1. Open the front door and the side door.
2. Pull any paper out *slowly*, in the direction it travels.
3. Check the trays: paper should sit under the fill line.
4. Close the doors and turn the copier on.

If it jams again within the same hour, report a problem and say which tray you used.`
	],
	[
		'projector-no-picture',
		'article',
		'Projector is on but shows no picture',
		['projector', 'display', 'hdmi', 'screen'],
		`Most "no picture" problems are the input or the cable.

- Press **Input** (or **Source**) on the projector remote until you see your computer.
- Check both ends of the HDMI cable; reseat them.
- On a laptop, press **Windows + P** and choose *Duplicate*.
- Still blue? Try another cable if the room has one.

A lamp that flashes orange needs a technician: report it with the room number.`
	],
	[
		'chromebook-not-charging',
		'article',
		'Chromebook will not charge or turn on',
		['chromebook', 'charging', 'battery', 'power'],
		`1. Plug the charger into a wall outlet you know works, not a power strip.
2. Leave it charging for **30 minutes** before trying to turn it on.
3. Hold **Refresh + Power** for 10 seconds to restart it.

If a cart's Chromebooks all fail to charge, the cart itself may be off: check its switch and breaker, then report it once for the whole cart.`
	],
	[
		'wifi-keeps-dropping',
		'article',
		'Wi-Fi keeps dropping',
		['wifi', 'wireless', 'network', 'internet'],
		`- Turn Wi-Fi off and on again, then reconnect to **Lakeside-Staff** (staff) or **Lakeside-Student** (students).
- Restart the device.
- Ask a neighbour: if others in the same area lose Wi-Fi too, say so in your ticket. Many people affected makes it more urgent.

Never share your network password in a ticket.`
	],
	[
		'password-reset',
		'faq',
		'I forgot my password. How do I reset it?',
		['password', 'reset', 'account', 'login', 'locked'],
		`Use the self-service page at [the account portal](https://accounts.lakeside-usd.example/reset) from any device.
If you are locked out after too many tries, wait 15 minutes and try again.

When you file a ticket about signing in, **leave your password out of it**. The helpdesk never needs it.`
	],
	[
		'one-issue-per-ticket',
		'faq',
		'Why one issue per ticket?',
		['ticket', 'help', 'howto'],
		`Each problem may go to a different technician, and each is tracked until it is fixed.
Two problems in one ticket means one of them waits, or is forgotten when the other is closed.
File a second ticket: it takes a minute and both get done.`
	],
	[
		'good-ticket',
		'faq',
		'What makes a ticket quick to fix?',
		['ticket', 'help', 'howto'],
		`- **Where**: the building and room.
- **What** you see, in your own words, and any message on screen.
- **Who** else is affected.
- **What you tried**: restart, other outlet, other cable.

A phone number where you can be reached today helps the technician most.`
	]
];

/** The help articles, dated and signed by the first coordinator. */
export function demoKb(now: Date, author: string): KbArticle[] {
	return ENTRIES.map(([slug, kind, title, tags, body], i) => ({
		_id: `kb:${slug}`,
		type: 'kb',
		kind,
		title,
		tags,
		body,
		updatedAt: new Date(now.getTime() - (i + 1) * 86_400_000 * 9).toISOString(),
		author
	}));
}
