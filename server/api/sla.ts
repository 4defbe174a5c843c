import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { canReadTicket, isStaff } from '../../core/roles';
import { type Category, type Role, Ticket, type UserProfile } from '../../core/schemas';
import { type ClockReply, isoInZone, SlaPreviewQuery, type SlaPreviewReply, SlaTicketParam, SlaTicketQuery, type SlaTicketReply, wholeMinutes } from '../../core/sla/api-schemas';
import { previewDue, type SlaSetup, type TargetClock, ticketClocks } from '../../core/sla/clock';
import { SLA_TARGET_NAMES, type SlaTargetName } from '../../core/sla/policy';
import { staffTest } from '../../core/sla/staff';
import type { Auth } from '../auth';
import { SlaDocs } from '../sla-docs';
import { storedOutageSpans } from '../sla-outages';
import { type Db, getOrNull } from '../store';
import { validationHook } from './errors';
import { SLA_POLICY_PREFIX } from '../../core/sla/doc-ids';

/** The ids after a prefix, for refusals that list what exists. */
async function idsAfter(db: Db, prefix: string): Promise<string[]> {
	const rows = (await db.allDocs({ startkey: prefix, endkey: `${prefix}\uffff` })).rows;
	return rows.map((r) => r.id.slice(prefix.length));
}

function perTarget<T>(make: (name: SlaTargetName) => T): Record<SlaTargetName, T> {
	return Object.fromEntries(SLA_TARGET_NAMES.map((name) => [name, make(name)])) as Record<SlaTargetName, T>;
}

function clockReply(clock: TargetClock, timeZone: string): ClockReply {
	return {
		state: clock.state,
		due: clock.state === 'paused' || clock.due === null ? null : isoInZone(clock.due, timeZone),
		elapsedMinutes: wholeMinutes(clock.elapsedMs),
		pausedMinutes: wholeMinutes(clock.pausedMs),
		overdueMinutes: wholeMinutes(clock.overdueMs)
	};
}

/** Runs the engine; a calendar it cannot compute on (closed for decades) is refused in words, not answered with a 500. */
function computed<T>(compute: () => T): T {
	try {
		return compute();
	} catch (error) {
		throw new HTTPException(409, { message: `The due times cannot be computed on the district's calendar: ${error instanceof Error ? error.message : String(error)}.` });
	}
}

/** The SLA APIs for technology staff: when a ticket filed now would be due, and a ticket's clocks. */
export function slaApp(db: Db, auth: Auth, now: () => Date) {
	const docs = new SlaDocs(db);

	/** The policy (`policyId`, or the active one) and the calendar, or a refusal saying what is missing. */
	async function setupFor(policyId: string | null): Promise<{ policyId: string; setup: Omit<SlaSetup, 'isStaff'> }> {
		const { calendar, settings, policy } = await docs.read(policyId);
		if (!calendar) throw new HTTPException(409, { message: 'The district has no business calendar yet: an administrator sets its opening hours first.' });
		if (policyId !== null && !policy) {
			const known = await idsAfter(db, SLA_POLICY_PREFIX);
			throw new HTTPException(400, { message: `There is no SLA policy "${policyId}". The policies are: ${known.join(', ') || 'none yet'}.` });
		}
		if (policy && policyId !== null) return { policyId: policy.id, setup: { policy, calendar } };
		if (!settings) throw new HTTPException(409, { message: 'No SLA policy is active: an administrator picks one under SLA policies.' });
		if (!policy)
			throw new HTTPException(409, { message: `The active SLA policy "${settings.activePolicy}" does not exist: an administrator picks another under SLA policies.` });
		return { policyId: policy.id, setup: { policy, calendar } };
	}

	/** Who counts as staff, by the same rule the devices use (core/sla/staff.ts) on the profiles the history names. */
	async function staffTestFor(usernames: Iterable<string>): Promise<(username: string) => boolean> {
		const roles = new Map<string, Role>();
		for (const username of new Set(usernames)) {
			const profile = await auth.profile(username);
			if (profile) roles.set(username, profile.role);
		}
		return staffTest((username) => roles.get(username));
	}

	const app = new Hono<{ Variables: { me: UserProfile } }>();
	app.use('*', async (c, next) => {
		const me = await auth.identify(c);
		if (!isStaff(me)) throw new HTTPException(403, { message: 'Only technology staff see SLA clocks; your ticket shows its progress.' });
		c.set('me', me);
		await next();
	});
	return app
		.get('/preview', zValidator('query', SlaPreviewQuery, validationHook), async (c) => {
			const query = c.req.valid('query');
			const { policyId, setup } = await setupFor(query.policy ?? null);
			const category = query.category ?? null;
			if (category !== null && !(await getOrNull<Category>(db, `category:${category}`))) {
				const known = await idsAfter(db, 'category:');
				throw new HTTPException(400, { message: `There is no category "${category}". The categories are: ${known.join(', ') || 'none yet'}.` });
			}
			const due = computed(() => previewDue({ ...setup, isStaff: () => false }, query.priority, category, Date.parse(query.openedAt)));
			const timeZone = setup.calendar.timeZone;
			const reply: SlaPreviewReply = {
				policy: policyId,
				timeZone,
				targets: perTarget((name) => ({ due: due[name] === null ? null : isoInZone(due[name], timeZone) }))
			};
			return c.json(reply);
		})
		.get('/tickets/:number', zValidator('param', SlaTicketParam, validationHook), zValidator('query', SlaTicketQuery, validationHook), async (c) => {
			const { number } = c.req.valid('param');
			const query = c.req.valid('query');
			const parsed = Ticket.safeParse(await getOrNull(db, `ticket:${number}`));
			if (!parsed.success || !canReadTicket(c.get('me'), parsed.data))
				throw new HTTPException(404, { message: `No ticket ${number} is in your queues. Check the number.` });
			const ticket = parsed.data;
			const { policyId, setup } = await setupFor(null);
			const [isStaffName, outages] = await Promise.all([staffTestFor(ticket.history.map((e) => e.by)), storedOutageSpans(db)]);
			const at = query.now ? Date.parse(query.now) : now().getTime();
			const clocks = computed(() => ticketClocks(ticket, { ...setup, isStaff: isStaffName, outages }, at));
			const timeZone = setup.calendar.timeZone;
			const reply: SlaTicketReply = {
				number,
				policy: policyId,
				timeZone,
				now: isoInZone(at, timeZone),
				targets: perTarget((name) => clockReply(clocks[name], timeZone))
			};
			return c.json(reply);
		});
}
