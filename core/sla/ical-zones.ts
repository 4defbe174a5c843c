import { isTimeZone } from './calendar';

/** Windows time-zone names (as Outlook and Exchange write them) to the IANA zone of the same rules. */
const WINDOWS_ZONES: Record<string, string> = {
	'Eastern Standard Time': 'America/New_York',
	'US Eastern Standard Time': 'America/Indiana/Indianapolis',
	'Central Standard Time': 'America/Chicago',
	'Mountain Standard Time': 'America/Denver',
	'US Mountain Standard Time': 'America/Phoenix',
	'Pacific Standard Time': 'America/Los_Angeles',
	'Alaskan Standard Time': 'America/Anchorage',
	'Hawaiian Standard Time': 'Pacific/Honolulu',
	'Atlantic Standard Time': 'America/Halifax',
	'Newfoundland Standard Time': 'America/St_Johns',
	'Canada Central Standard Time': 'America/Regina',
	'Mountain Standard Time (Mexico)': 'America/Mazatlan',
	'Central Standard Time (Mexico)': 'America/Mexico_City',
	'Pacific Standard Time (Mexico)': 'America/Tijuana',
	'GMT Standard Time': 'Europe/London',
	'Greenwich Standard Time': 'Atlantic/Reykjavik',
	'W. Europe Standard Time': 'Europe/Berlin',
	'Romance Standard Time': 'Europe/Paris',
	'Central Europe Standard Time': 'Europe/Budapest',
	'Central European Standard Time': 'Europe/Warsaw',
	'E. Europe Standard Time': 'Europe/Chisinau',
	'AUS Eastern Standard Time': 'Australia/Sydney',
	'Tokyo Standard Time': 'Asia/Tokyo',
	'India Standard Time': 'Asia/Kolkata',
	'China Standard Time': 'Asia/Shanghai',
	UTC: 'UTC',
	'Coordinated Universal Time': 'UTC'
};

/** Outlook's display names, "(UTC-07:00) Mountain Time (US & Canada)", for the US zones. */
const DISPLAY_NAMES: [RegExp, string][] = [
	[/Eastern Time \(US & Canada\)/i, 'America/New_York'],
	[/Central Time \(US & Canada\)/i, 'America/Chicago'],
	[/Mountain Time \(US & Canada\)/i, 'America/Denver'],
	[/\bArizona\b/i, 'America/Phoenix'],
	[/Pacific Time \(US & Canada\)/i, 'America/Los_Angeles'],
	[/\bAlaska\b/i, 'America/Anchorage'],
	[/\bHawaii\b/i, 'Pacific/Honolulu']
];

/**
 * The IANA zone a TZID names, or null. Accepts IANA names, Windows names, Outlook display names and
 * path-prefixed names such as "/mozilla.org/20050126_1/America/Denver" or "/citadel.org/.../America/Denver".
 * `aliases` maps a file's own VTIMEZONE ids to the zone its X-LIC-LOCATION names.
 */
export function ianaZone(tzid: string, aliases: ReadonlyMap<string, string> = new Map()): string | null {
	const name = tzid.trim().replace(/^"|"$/g, '');
	if (name === '') return null;
	if (isTimeZone(name) && !/^[+-]\d/.test(name)) return name;
	const windows = WINDOWS_ZONES[name];
	if (windows) return windows;
	const alias = aliases.get(name);
	if (alias && alias !== name) return ianaZone(alias);
	const path = name.match(/([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/);
	if (path && isTimeZone(path[1])) return path[1];
	return DISPLAY_NAMES.find(([re]) => re.test(name))?.[1] ?? null;
}
