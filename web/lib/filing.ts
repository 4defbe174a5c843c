import { z } from 'zod';
import { fieldSecretRefusal } from '$core/doc-secrets';
import { Ticket, type UserProfile, Username } from '$core/schemas';
import { MIN_FIX_WORDS, resolvedOnCall } from '$core/telephony/first-contact';
import { newTicket } from '$core/ticket';

/** What the person types into the "Report a problem" form. */
export const FilingForm = z.object({
	description: z.string(),
	building: z.string(),
	room: z.string(),
	category: z.string(),
	contactPhone: z.string(),
	contactEmail: z.string(),
	onBehalf: z.boolean(),
	coworkerUsername: z.string(),
	coworkerName: z.string(),
	/** Staff logging a call (procedure 000): the caller is the requester, and the source is "phone". */
	phoneCall: z.boolean().default(false),
	/** The call solved it: filed resolved, with what fixed it and the call's minutes. */
	resolvedOnCall: z.boolean().default(false),
	fix: z.string().default(''),
	callMinutes: z.string().default('')
});
export type FilingForm = z.infer<typeof FilingForm>;

export type FormProblems = Partial<Record<keyof FilingForm, string>>;

const TITLE_MAX = 80;

/** A new form for a person: their building, phone and email filled in. */
export function emptyForm(profile: UserProfile): FilingForm {
	return {
		description: '',
		building: profile.buildings[0] ?? '',
		room: '',
		category: '',
		contactPhone: profile.phone ?? '',
		contactEmail: profile.email ?? '',
		onBehalf: false,
		coworkerUsername: '',
		coworkerName: '',
		phoneCall: false,
		resolvedOnCall: false,
		fix: '',
		callMinutes: ''
	};
}

/** The ticket's title: the description's first line, shortened at a word when it is long. */
export function ticketTitle(description: string): string {
	const first = description.split('\n').map((l) => l.trim().replace(/\s+/g, ' ')).find((l) => l !== '') ?? '';
	if (first.length <= TITLE_MAX) return first;
	const cut = first.slice(0, TITLE_MAX - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/** What is missing or wrong in the form, by field, in words for the person. */
export function formProblems(form: FilingForm, self: UserProfile, buildings: readonly string[]): FormProblems {
	const problems: FormProblems = {};
	if (form.description.trim() === '') problems.description = 'Describe the problem: what happened, and what you expected.';
	else if (form.description.length > 20_000) problems.description = 'The description is too long: keep it under 20,000 characters.';
	if (!form.building) problems.building = 'Choose the building where the problem is.';
	else if (buildings.length && !buildings.includes(form.building)) problems.building = 'Choose a building from the list.';
	if (form.room.trim().length > 40) problems.room = 'Keep the room to 40 characters or fewer.';
	if (form.contactPhone.trim().length > 40) problems.contactPhone = 'Keep the phone number to 40 characters or fewer.';
	const email = form.contactEmail.trim();
	if (email && !z.email().max(200).safeParse(email).success) problems.contactEmail = 'This email address does not look right.';
	const who = form.phoneCall ? 'the caller’s' : 'your co-worker’s';
	if (form.onBehalf || form.phoneCall) {
		const username = form.coworkerUsername.trim().toLowerCase();
		if (!Username.safeParse(username).success)
			problems.coworkerUsername = `Enter ${who} username, the one they sign in with (for example jsmith).`;
		else if (username === self.username)
			problems.coworkerUsername = form.phoneCall ? 'That is your own username: enter the caller’s.' : 'That is your own username: untick “on behalf of a co-worker”.';
		if (form.coworkerName.trim() === '') problems.coworkerName = `Enter ${who} name.`;
	}
	if (form.phoneCall && form.resolvedOnCall) {
		if (form.fix.trim().split(/\s+/).filter(Boolean).length < MIN_FIX_WORDS) problems.fix = 'Say what fixed it, in a few words: the next technician reads it.';
		else if (form.fix.length > 20_000) problems.fix = 'Keep what fixed it under 20,000 characters.';
		if (!/^\d{1,4}$/.test(form.callMinutes.trim()) || Number(form.callMinutes) > 1440) problems.callMinutes = 'Enter the call’s length in whole minutes, for example 5.';
	}
	// The gateway's password guard, per field (the description has its own marked warning).
	const guarded: [keyof FilingForm, string, string][] = [
		['room', 'room', form.room],
		['contactPhone', 'contact phone', form.contactPhone],
		['coworkerName', 'requester’s name', form.onBehalf || form.phoneCall ? form.coworkerName : '']
	];
	for (const [key, field, text] of guarded) {
		const secret = problems[key] ? null : fieldSecretRefusal(field, text.trim());
		if (secret) problems[key] = secret;
	}
	return problems;
}

/**
 * The ticket a valid form files, numbered by this device. `now` and `entryId` come from the caller. A call resolved
 * while the caller was on the line is filed resolved (core's first-contact resolution).
 */
export function ticketFromForm(form: FilingForm, self: UserProfile, number: string, now: string, entryId: string): Ticket {
	const forCoworker = form.onBehalf || form.phoneCall;
	const ticket = newTicket(
		{
			number,
			requester: forCoworker ? form.coworkerUsername.trim().toLowerCase() : self.username,
			requesterName: forCoworker ? form.coworkerName.trim() : self.name,
			createdBy: self.username,
			source: form.phoneCall ? 'phone' : forCoworker ? 'on-behalf' : 'web',
			title: ticketTitle(form.description),
			description: form.description.trim(),
			building: form.building,
			room: form.room.trim(),
			category: form.category || null,
			contactPhone: form.contactPhone.trim(),
			contactEmail: form.contactEmail.trim()
		},
		now,
		entryId
	);
	if (!form.phoneCall || !form.resolvedOnCall) return Ticket.parse(ticket);
	const resolved = resolvedOnCall(ticket, form.fix, Number(form.callMinutes));
	if (!resolved) throw new Error('a resolved call needs what fixed it: formProblems checks it first');
	return Ticket.parse(resolved);
}
