import type { Priority, Ticket } from '../schemas';
import { type CompiledCalendar, addBusinessTime, businessTimeBetween, compileCalendar, nextOpening } from './business-time';
import type { BusinessCalendar } from './calendar';
import type { SlaCell, SlaPolicyFields, SlaTarget, SlaTargetName } from './policy';
import { type OutageEffect, type OutageSpan, inWindow, outageEffect } from './outage-rule';
import { firstResponseCell, isAroundTheClock, namedDue, plainLength, resolutionCell, targetLength } from './targets';
import { DONE, RUNNING, type Timeline, WAITING, readTimeline } from './timeline';

export { bySlaUrgency } from './urgency';

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met' | 'paused' | 'not-applicable';

/**
 * One target's clock. Times are epoch ms; lengths are ms of the time the target counts (business time, or every
 * millisecond for an around-the-clock target).
 * - `due`: when the target falls due; null while paused and when not applicable. Once the target has run out, `due` is
 *   that past instant (a pause cannot move it). For a met clock, when it was due at the time it was met. A clock is
 *   breached only once more than its target has run, so "due Fri 3:30 PM" breaches at Monday's opening, not on Friday night.
 * - `targetMs`: the target's length L, fixed at the clock's start; `elapsedMs`: time the clock ran, from its start to
 *   `metAt` or now, paused time excluded; `pausedMs`: time it stood still in that span.
 * - `overdueMs`: how far the clock ran past its target (elapsed - L, so it does not grow while paused or closed); for a
 *   target met late, the state is 'breached' with `metAt` set and `overdueMs` the lateness.
 * - `metAt`: when the target was met (also when met late), else null.
 */
export interface TargetClock {
	state: SlaState;
	due: number | null;
	targetMs: number;
	elapsedMs: number;
	pausedMs: number;
	overdueMs: number;
	metAt: number | null;
}

export type TicketClocks = Record<SlaTargetName, TargetClock>;

/**
 * What the clocks run on: the active policy, the district's calendar, who counts as staff (first response), and the
 * outages with the tickets linked to them (the policy's outage rule applies to those tickets).
 */
export interface SlaSetup {
	policy: SlaPolicyFields;
	calendar: BusinessCalendar;
	isStaff: (username: string) => boolean;
	outages?: readonly OutageSpan[];
}

// Shared, so most tickets' categorization clocks cost no allocation; frozen, so no caller can change it for the others.
const NOT_APPLICABLE: TargetClock = Object.freeze({ state: 'not-applicable', due: null, targetMs: 0, elapsedMs: 0, pausedMs: 0, overdueMs: 0, metAt: null });

/** The due time once `pausedMs` of the clock's time has been paused: the unpaused due time moved by that much. */
function dueAfterPauses(cal: CompiledCalendar, start: number, length: number, named: number | null, around: boolean, pausedMs: number): number {
	// Minutes and hours: the first instant L plus the pauses has run (adding business time is additive).
	if (named === null) return addBusinessTime(cal, start, length + pausedMs);
	if (pausedMs === 0) return named;
	return around ? named + pausedMs : addBusinessTime(cal, named, pausedMs);
}

/** Business time, or every millisecond for an around-the-clock target, from `from` to `to`. */
function measure(cal: CompiledCalendar, around: boolean, from: number, to: number): number {
	return around ? to - from : businessTimeBetween(cal, from, to);
}

/**
 * Runs one clock over the ticket's status runs. It starts at the filing around the clock, at `opening` (the first
 * opening from the filing) in business time. Runs whose kind is in `counting` count toward the target, the others
 * pause it, and so do the outage rule's windows; `metAt` (or now) ends it. The clock is breached once more than L of
 * its time has run, so it never breaches while the office is closed. Its due time is the unpaused due time moved by the
 * time paused before it ran out. Under 'extend', L is longer for a clock neither met nor out of time when the outage began.
 */
function runClock(cal: CompiledCalendar, target: SlaTarget, tl: Timeline, opening: number, counting: number, metAt: number | null, now: number, atRiskShare: number, outage: OutageEffect | null = null): TargetClock {
	const around = isAroundTheClock(target);
	const start = around ? tl.createdAt : opening;
	let named = namedDue(cal, target, start);
	let length = targetLength(cal, target, start, named);
	const end = metAt ?? now;
	const extendFrom = outage?.extendFrom ?? null;
	if (extendFrom !== null && outage && (metAt === null || metAt > extendFrom) && runClock(cal, target, tl, opening, counting, null, extendFrom, atRiskShare).state !== 'breached') {
		length = Math.round(length * outage.factor);
		named = around ? start + length : null;
	}
	const windows = outage?.pauses ?? null;
	const { runStarts, runKinds } = tl;
	let elapsed = 0;
	let paused = 0;
	let ranOutAfterPause: number | null = null;
	const runs = runStarts.length;
	let runningAtEnd = (runKinds[0] & counting) !== 0;
	// Neighbouring runs that both count (or both pause) make one span.
	for (let i = 0, j = 1; i < runs && runStarts[i] <= end; i = j, j = i + 1) {
		runningAtEnd = (runKinds[i] & counting) !== 0;
		while (j < runs && runStarts[j] <= end && ((runKinds[j] & counting) !== 0) === runningAtEnd) j++;
		const from = runStarts[i] > start ? runStarts[i] : start;
		const to = j < runs && runStarts[j] < end ? runStarts[j] : end;
		if (to <= from) continue;
		if (!runningAtEnd) {
			paused += measure(cal, around, from, to);
			continue;
		}
		// A counting span, cut by the outage windows into pieces that count and pieces that pause.
		for (let t = from, k = 0; t < to; ) {
			while (windows && k < windows.length && windows[k + 1] <= t) k += 2;
			const inside = windows !== null && k < windows.length && windows[k] <= t;
			const next = windows === null || k >= windows.length ? to : Math.min(to, inside ? windows[k + 1] : windows[k]);
			const ms = measure(cal, around, t, next);
			if (inside) paused += ms;
			else {
				if (ranOutAfterPause === null && elapsed + ms > length) ranOutAfterPause = paused;
				elapsed += ms;
			}
			t = next;
		}
	}
	const ranOut = ranOutAfterPause !== null;
	const standing = !runningAtEnd || (windows !== null && inWindow(windows, end));
	let state: SlaState;
	if (metAt !== null) state = ranOut ? 'breached' : 'met';
	else if (ranOut) state = 'breached';
	else if (standing) state = 'paused';
	else state = elapsed >= atRiskShare * length ? 'at-risk' : 'on-track';
	const due = state === 'paused' ? null : dueAfterPauses(cal, start, length, named, around, ranOutAfterPause ?? paused);
	const overdueMs = ranOut ? elapsed - length : 0;
	return { state, due, targetMs: length, elapsedMs: elapsed, pausedMs: paused, overdueMs, metAt };
}

/**
 * A clock that stops only when the ticket is resolved or closed unmet (categorization, first response): while
 * stopped it is not applicable, unless it had already run out (then it stays breached). A reopen resumes it.
 */
function stoppingClock(cal: CompiledCalendar, cell: SlaCell, tl: Timeline, opening: number, metAt: number | null, now: number, atRiskShare: number, outage: OutageEffect | null): TargetClock {
	if (cell === null) return NOT_APPLICABLE;
	const clock = runClock(cal, cell, tl, opening, RUNNING | WAITING, metAt, now, atRiskShare, outage);
	// Paused by an outage it is paused; stopped because the ticket is resolved it is not applicable.
	if (clock.state === 'paused' && tl.runKinds[tl.runKinds.length - 1] === DONE) clock.state = 'not-applicable';
	return clock;
}

/**
 * The ticket's SLA clocks at `now` under the setup's policy and calendar, from its history alone (entries after `now`
 * are ignored). The targets are those of the ticket's priority and category at `now`, measured from the clock's start,
 * so a changed priority, category, policy or calendar recomputes everything and paused time survives exactly. A ticket
 * linked to one of the setup's outages follows the policy's outage rule (core/sla/outage-rule.ts).
 */
export function ticketClocks(ticket: Pick<Ticket, 'createdAt' | 'requester' | 'history'> & Partial<Pick<Ticket, 'number'>>, setup: SlaSetup, now: number): TicketClocks {
	const { policy } = setup;
	const cal = compileCalendar(setup.calendar);
	const tl = readTimeline(ticket, setup.isStaff, now);
	const last = tl.runKinds.length - 1;
	const resolvedAt = tl.runKinds[last] === DONE ? tl.runStarts[last] : null;
	const resolution = resolutionCell(policy, tl.priority, tl.category);
	const opening = nextOpening(cal, tl.createdAt);
	const outage = outageEffect(policy.outageRule, setup.outages, ticket.number, tl.createdAt, now);
	return {
		categorization: tl.filedWithCategory ? NOT_APPLICABLE : stoppingClock(cal, policy.categorization, tl, opening, tl.firstCategoryAt, now, policy.atRiskShare, outage),
		firstResponse: stoppingClock(cal, firstResponseCell(policy, tl.priority), tl, opening, tl.firstResponseAt, now, policy.atRiskShare, outage),
		resolution: resolution === null ? NOT_APPLICABLE : runClock(cal, resolution, tl, opening, RUNNING, resolvedAt, now, policy.atRiskShare, outage)
	};
}

/**
 * When a ticket filed at `openedAt` with this priority and category would be due if nothing pauses it. With a category
 * there is nothing to categorize; without one, categorization is timed and resolution waits for a category when the
 * policy has category rows.
 */
export function previewDue(setup: SlaSetup, priority: Priority, category: string | null, openedAt: number): Record<SlaTargetName, number | null> {
	const { policy } = setup;
	const cal = compileCalendar(setup.calendar);
	const due = (cell: SlaCell): number | null => {
		if (cell === null) return null;
		const start = isAroundTheClock(cell) ? openedAt : nextOpening(cal, openedAt);
		return namedDue(cal, cell, start) ?? addBusinessTime(cal, start, plainLength(cell));
	};
	return {
		categorization: category === null ? due(policy.categorization) : null,
		firstResponse: due(firstResponseCell(policy, priority)),
		resolution: due(resolutionCell(policy, priority, category))
	};
}
