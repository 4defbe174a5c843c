import { describe, expect, it } from 'vitest';
import { type Actor, canWrite } from './access';
import { hiddenProfileFields, profileView } from './profile-view';
import { UserProfile } from './schemas';

const pat: Actor = { username: 'pat.lee', role: 'requester', buildings: ['lincoln-es'], kind: 'staff' };
const ana: Actor = { username: 'tech.ana', role: 'building-tech', buildings: ['lincoln-es'], kind: 'staff' };
const cruz: Actor = { username: 'spec.cruz', role: 'specialist', buildings: [], kind: 'staff' };
const dee: Actor = { username: 'coord.dee', role: 'coordinator', buildings: [], kind: 'staff' };
const eve: Actor = { username: 'admin.eve', role: 'admin', buildings: [], kind: 'staff' };

const sam: UserProfile = {
	_id: 'user:sam.ortiz',
	_rev: '3-abc',
	type: 'user',
	username: 'sam.ortiz',
	name: 'Sam Ortiz',
	role: 'requester',
	kind: 'staff',
	buildings: ['lincoln-es'],
	email: 'sam@district.example',
	phone: '555-0142',
	extension: '4142',
	employeeId: 'E10442',
	active: false
};

describe('profileView', () => {
	it('sends a requester a co-worker’s name, role and buildings, but no contact details or employee id', () => {
		const seen = profileView(pat, sam);
		expect(seen).toEqual({ _id: 'user:sam.ortiz', _rev: '3-abc', type: 'user', username: 'sam.ortiz', name: 'Sam Ortiz', role: 'requester', kind: 'staff', buildings: ['lincoln-es'], active: false });
		expect(UserProfile.parse(seen)).toEqual(seen);
	});

	it('sends technology staff the contact details they call people back on, but not the employee id', () => {
		for (const staff of [ana, cruz, dee]) {
			const seen = profileView(staff, sam);
			expect(seen).toMatchObject({ email: sam.email, phone: sam.phone, extension: sam.extension });
			expect(seen).not.toHaveProperty('employeeId');
		}
	});

	it('sends the owner and administrators the whole profile', () => {
		expect(profileView({ ...pat, username: 'sam.ortiz' }, sam)).toEqual(sam);
		expect(profileView(eve, sam)).toEqual(sam);
	});

	it('leaves the profile it was given unchanged', () => {
		const before = structuredClone(sam);
		profileView(pat, sam);
		expect(sam).toEqual(before);
	});

	it('hides fields only from people who may not write the profile, so a projection is never pushed back over the full one', () => {
		for (const viewer of [pat, ana, cruz, dee, eve]) {
			if (!hiddenProfileFields(viewer, sam).length) continue;
			const seen = profileView(viewer, sam);
			expect(canWrite(viewer, sam, { ...seen, name: 'Sam O.' }, { now: new Date(), person: () => undefined })).not.toBeNull();
			expect(canWrite(viewer, sam, seen, { now: new Date(), person: () => undefined })).not.toBeNull();
		}
	});
});
