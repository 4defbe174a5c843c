import { z } from 'zod';
import { UserProfile } from './schemas';

/** The answer to signing in and to "who am I": the profile, and how long closed tickets stay on a device. */
export const SessionReply = z.object({
	user: UserProfile,
	/** Closed tickets older than this many days are not kept on devices (the server's CLOSED_WINDOW_DAYS). */
	closedWindowDays: z.number().int().min(0)
});
export type SessionReply = z.infer<typeof SessionReply>;
