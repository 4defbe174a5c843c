import { type Actor, isStaff } from './access';
import type { UserProfile } from './schemas';

/** Ways to reach a person: technology staff call requesters back; requesters file tickets, they do not call each other. */
const CONTACT_FIELDS = ['email', 'phone', 'extension'] as const;
/** District records: only the person and administrators (who import and match them) see them. */
const RECORD_FIELDS = ['employeeId'] as const;

export type PrivateProfileField = (typeof CONTACT_FIELDS)[number] | (typeof RECORD_FIELDS)[number];

/**
 * The profile fields a viewer is not sent. The owner and administrators see everything, and they are the only
 * people who may write a profile, so a projected profile is never edited and pushed back.
 */
export function hiddenProfileFields(viewer: Pick<Actor, 'username' | 'role'>, profile: Pick<UserProfile, 'username'>): readonly PrivateProfileField[] {
	if (viewer.username === profile.username || viewer.role === 'admin') return [];
	if (isStaff(viewer)) return RECORD_FIELDS;
	return [...CONTACT_FIELDS, ...RECORD_FIELDS];
}

/** A profile as a viewer may see it: the same document without the fields their role does not need. */
export function profileView<T extends Pick<UserProfile, 'username'>>(viewer: Pick<Actor, 'username' | 'role'>, profile: T): T {
	const hidden = hiddenProfileFields(viewer, profile);
	if (!hidden.some((field) => field in profile)) return profile;
	const copy: Record<string, unknown> = { ...profile };
	for (const field of hidden) delete copy[field];
	return copy as T;
}
