import { OutageDoc } from './outage';

/** What a coordinator fills in to declare an outage. */
export interface OutageForm {
	services: readonly string[];
	/** Empty: the whole district. */
	buildings: readonly string[];
	description: string;
}

/** A readable, unique outage id: "outage:the-network-20261130-k3f9" (first service, the UTC day, a device-made suffix). */
export function outageId(services: readonly string[], at: string, suffix: string): string {
	const words = (services[0] ?? 'outage').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 20) || 'outage';
	const day = at.slice(0, 10).replaceAll('-', '');
	return `outage:${words}-${day}-${suffix.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8)}`;
}

/**
 * A new ongoing outage from the form, declared by `by` at `at`, or the first problem in words. Services are trimmed,
 * blanks and repeats dropped; buildings are sorted and unique.
 */
export function newOutage(form: OutageForm, by: string, at: string, suffix: string): { ok: true; outage: OutageDoc } | { ok: false; problem: string } {
	const services = [...new Set(form.services.map((s) => s.trim()).filter(Boolean))];
	if (!services.length) return { ok: false, problem: 'Say which services are down (for example “the network”).' };
	if (!form.description.trim()) return { ok: false, problem: 'Describe the outage in a sentence or two.' };
	const parsed = OutageDoc.safeParse({
		_id: outageId(services, at, suffix),
		type: 'outage',
		services,
		buildings: [...new Set(form.buildings)].sort(),
		description: form.description.trim(),
		declaredAt: at,
		declaredBy: by,
		progress: [],
		restoredAt: null,
		restoredBy: null,
		tickets: []
	});
	if (parsed.success) return { ok: true, outage: parsed.data };
	const issue = parsed.error.issues[0];
	const field = String(issue?.path[0] ?? 'outage');
	return { ok: false, problem: `The ${field} ${issue?.code === 'too_big' ? 'is too long' : 'is not valid'}: ${issue?.message ?? ''}`.trim() };
}
