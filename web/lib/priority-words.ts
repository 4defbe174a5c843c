import type { Priority } from '$core/schemas';
import { PRIORITY_LABELS } from '$core/ticket-changes';

/** A priority as lists show it: the number and its name ("Priority 3 · Instructional"), or "No priority". */
export function priorityWords(priority: Priority | null): string {
	return priority ? `Priority ${priority} · ${PRIORITY_LABELS[priority]}` : 'No priority';
}
