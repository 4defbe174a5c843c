import { z } from 'zod';
import { couch, isoTime, username as Username } from '../schema-parts';
import { EventKind } from './event-kinds';

export const CHANNEL_CHOICES = ['email', 'in-app', 'both', 'none'] as const;
export const ChannelChoice = z.enum(CHANNEL_CHOICES);
export type ChannelChoice = z.infer<typeof ChannelChoice>;

/** A person's choice per kind of event; a kind left out follows the default for their role. */
export const NotifyChoices = z.partialRecord(EventKind, ChannelChoice);
export type NotifyChoices = z.infer<typeof NotifyChoices>;

/** The replicated document that holds a person's choices (`notify-prefs:<username>`), read and written by them alone. */
export const NotifyPrefsDoc = z
	.object({
		_id: z.string().regex(/^notify-prefs:[a-z0-9][a-z0-9._-]{1,63}$/),
		type: z.literal('notify-prefs'),
		username: Username,
		choices: NotifyChoices,
		updatedAt: isoTime,
		...couch
	})
	.strict();
export type NotifyPrefsDoc = z.infer<typeof NotifyPrefsDoc>;
