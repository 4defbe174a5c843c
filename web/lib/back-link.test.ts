import { describe, expect, it } from 'vitest';
import { backLink } from './back-link';

const at = (path: string) => new URL(path, 'https://helpdesk.example');

describe('ticket page back link', () => {
	it('returns to the list the person came from, with its filters or search words', () => {
		expect(backLink(at('/tickets?status=&building=lincoln-es'), true)).toEqual({ href: '/tickets?status=&building=lincoln-es', label: 'All tickets' });
		expect(backLink(at('/search?q=projector'), true)).toEqual({ href: '/search?q=projector', label: 'Search results' });
		expect(backLink(at('/sort'), true)).toEqual({ href: '/sort', label: 'To sort' });
		expect(backLink(at('/dashboard?building=x'), true)).toEqual({ href: '/dashboard?building=x', label: 'Dashboard' });
		expect(backLink(at('/notifications'), false)).toEqual({ href: '/notifications', label: 'Notifications' });
		expect(backLink(at('/outages/wifi-down'), true)).toEqual({ href: '/outages/wifi-down', label: 'The outage' });
		expect(backLink(at('/tickets/K7M-4QX'), true)).toEqual({ href: '/tickets/K7M-4QX', label: 'Ticket K7M-4QX' });
	});

	it('goes home, named for the person, when they came from home or from nowhere the app knows', () => {
		expect(backLink(null, true)).toEqual({ href: '/', label: 'Queues' });
		expect(backLink(null, false)).toEqual({ href: '/', label: 'All my tickets' });
		expect(backLink(at('/'), false)).toEqual({ href: '/', label: 'All my tickets' });
		expect(backLink(at('/new'), false)).toEqual({ href: '/', label: 'All my tickets' });
	});
});
