import type { UserProfile } from '../schemas';
import { affectsBuilding, type OutageDoc } from '../outage/outage';
import type { OutageEvent } from './event';

/** The people an outage may concern: what the directory says of each. */
export type OutagePerson = Pick<UserProfile, 'username' | 'kind' | 'buildings' | 'active'>;

/** Who is told of an outage: active staff in a building it hits (everyone's for a district-wide one), and whoever said "me too". */
export function outageAudience(outage: Pick<OutageDoc, 'buildings'>, people: readonly OutagePerson[], affected: readonly string[]): string[] {
	const inBuildings = people.filter((p) => p.active && p.kind === 'staff' && (outage.buildings.length === 0 || p.buildings.some((b) => affectsBuilding(outage, b))));
	return [...new Set([...inBuildings.map((p) => p.username), ...affected])].sort();
}

/**
 * The outage notices a change brings (`old` null: just declared, or not seen before): posted, each new progress note,
 * restored. A notice never goes to its author. Once service is restored, only "restored" is sent: a notice of the
 * outage or its progress would come after the fact. Keys: the outage id, the step (a note by its time and author) and
 * the person.
 */
export function eventsFromOutageChange(old: OutageDoc | null, next: OutageDoc, audience: readonly string[]): OutageEvent[] {
	const steps: { step: string; kind: OutageEvent['kind']; at: number; by: string }[] = [];
	if (next.restoredAt !== null && next.restoredBy !== null) {
		if (old?.restoredAt == null) steps.push({ step: 'restored', kind: 'outage-restored', at: Date.parse(next.restoredAt), by: next.restoredBy });
	} else {
		if (!old) steps.push({ step: 'posted', kind: 'outage-posted', at: Date.parse(next.declaredAt), by: next.declaredBy });
		const known = new Set(old?.progress.map((n) => `${Date.parse(n.at)}:${n.by}`));
		for (const note of next.progress) {
			const step = `${Date.parse(note.at)}:${note.by}`;
			if (!known.has(step)) steps.push({ step: `progress:${step}`, kind: 'outage-progress', at: Date.parse(note.at), by: note.by });
		}
	}
	return steps.flatMap(({ step, kind, at, by }) =>
		audience.filter((r) => r !== by).map((recipient) => ({ key: `${next._id}:${step}:${recipient}`, kind, recipient, at, outage: next._id, by }))
	);
}
