import { describe, expect, it } from 'vitest';
import { signOutLoss } from './sign-out-loss';

describe('signOutLoss', () => {
	it('lets a person with nothing unsent sign out without asking', () => {
		expect(signOutLoss(0, 0)).toBeNull();
	});

	it('asks while the device is still counting its unsent changes', () => {
		expect(signOutLoss(null, 0)).toEqual({ title: 'Signing out now may lose changes not counted yet.', confirm: 'Sign out anyway' });
	});

	it('names the unsent changes', () => {
		expect(signOutLoss(2, 0)).toEqual({ title: 'Signing out now would lose 2 changes.', confirm: 'Sign out and lose 2 changes' });
		expect(signOutLoss(1, 0)?.title).toBe('Signing out now would lose 1 change.');
	});

	it('counts an unsent draft as work that would be lost', () => {
		expect(signOutLoss(0, 1)).toEqual({ title: 'Signing out now would lose 1 unsent draft.', confirm: 'Sign out and lose 1 unsent draft' });
		expect(signOutLoss(3, 2)?.title).toBe('Signing out now would lose 3 changes and 2 unsent drafts.');
		expect(signOutLoss(null, 1)?.title).toBe('Signing out now may lose changes not counted yet and 1 unsent draft.');
	});
});
