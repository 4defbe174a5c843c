/** The name of a person's database on this device; signing out destroys it. */
export function localDbName(username: string): string {
	return `helpdesk-${username}`;
}

