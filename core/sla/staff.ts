import { isStaff } from '../roles';
import type { Role } from '../schemas';

/**
 * Who counts as staff for the SLA clocks, from the profiles at hand: a known profile by its role; 'system' never;
 * an unknown username as staff. Every device holds every staff profile (access.canReadProfile shows people with a
 * staff role to everyone), so a name the device cannot place is most likely a profile that has not synced yet,
 * and a reply going unseen would show a false breach. The engine itself leaves out the ticket's requester.
 */
export function staffTest(roleOf: (username: string) => Role | undefined): (username: string) => boolean {
	return (username) => {
		if (username === 'system') return false;
		const role = roleOf(username);
		return role === undefined || isStaff({ role });
	};
}
