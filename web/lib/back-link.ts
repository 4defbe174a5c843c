/** Where a ticket page's back link goes, and what it says. */
export interface BackLink {
	href: string;
	label: string;
}

const PLACES: [RegExp, string][] = [
	[/^\/tickets$/, 'All tickets'],
	[/^\/sort$/, 'To sort'],
	[/^\/voicemail$/, 'Voicemail'],
	[/^\/search$/, 'Search results'],
	[/^\/dashboard$/, 'Dashboard'],
	[/^\/notifications$/, 'Notifications'],
	[/^\/outages\/[^/]+$/, 'The outage'],
	[/^\/outages$/, 'Outages'],
	[/^\/kb\/[^/]+$/, 'The help article']
];

/**
 * The ticket page's way back to the list the person came from (its filters and search words kept), or their home list
 * when they came from nowhere the app knows (a link from an email, a reload, a just-filed ticket).
 */
export function backLink(from: URL | null, staff: boolean): BackLink {
	const home = { href: '/', label: staff ? 'Queues' : 'All my tickets' };
	if (!from) return home;
	if (from.pathname === '/') return home;
	const place = PLACES.find(([path]) => path.test(from.pathname));
	if (place) return { href: `${from.pathname}${from.search}`, label: place[1] };
	const ticket = /^\/tickets\/([^/]+)$/.exec(from.pathname);
	return ticket ? { href: from.pathname, label: `Ticket ${decodeURIComponent(ticket[1])}` } : home;
}
