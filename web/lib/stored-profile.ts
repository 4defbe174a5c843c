/** Where the signed-in person's profile is remembered on this device (read and checked by the session manager). */
export const PROFILE_KEY = 'hd:profile';

/**
 * The username in the remembered profile, unchecked (the session manager checks the whole profile against its schema
 * before anything is shown); null when there is none or it cannot be read.
 */
export function storedUsername(store: Pick<Storage, 'getItem'> | null = typeof localStorage === 'undefined' ? null : localStorage): string | null {
	try {
		const username = (JSON.parse(store?.getItem(PROFILE_KEY) ?? 'null') as { username?: unknown } | null)?.username;
		return typeof username === 'string' && username ? username : null;
	} catch {
		return null;
	}
}
