import { plural } from './format';

/** What signing out now would lose, as the warning says it. */
export interface SignOutLoss {
	/** The warning's first sentence. */
	title: string;
	/** The label of the button that signs out anyway. */
	confirm: string;
}

/**
 * Whether signing out must ask first, and what to say: null when nothing would be lost. `pending` is null while the
 * device is still counting its unsent changes; an unknown count asks, since it may hide work.
 */
export function signOutLoss(pending: number | null, drafts: number): SignOutLoss | null {
	if (pending === 0 && drafts === 0) return null;
	const parts = [pending === null ? 'changes not counted yet' : pending > 0 ? plural(pending, 'change') : null, drafts > 0 ? plural(drafts, 'unsent draft') : null].filter(
		(part): part is string => part !== null
	);
	const what = parts.join(' and ');
	return pending === null
		? { title: `Signing out now may lose ${what}.`, confirm: 'Sign out anyway' }
		: { title: `Signing out now would lose ${what}.`, confirm: `Sign out and lose ${what}` };
}
