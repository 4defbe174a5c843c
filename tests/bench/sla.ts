/**
 * SLA engine benchmark: the clocks of 100,000 tickets (ts-pe-004 on the demo calendar, realistic histories) at one
 * `now`, against a naive reference in the same run that steps through time minute by minute.
 *
 *   npx tsx tests/bench/sla.ts     (also part of npm run bench; never part of npm test)
 *
 * The reference runs on a sample of tickets spread over the set, two ways: with isOpen computed by Temporal for every
 * minute (the naive method; seconds per ticket, so on a smaller sample), and with isOpen read from a table of minutes
 * filled once (the stepping alone). Both must agree with the engine on their sample: state, due time, metAt, and
 * elapsed, paused and overdue minutes. Any disagreement fails the run.
 * Goal: the engine under 250 ms for 100k, and at least 100x faster per ticket than the naive reference.
 * Times are wall clock; the engine's CPU time is printed beside it (the machine may be shared). The engine is timed
 * with each ticket's clocks used and dropped (the goal's figure), and again with all 100k results kept alive.
 *
 * Knobs (environment): BENCH_SLA_TICKETS (100000), BENCH_SLA_SAMPLE (200, tabled reference), BENCH_SLA_NAIVE_SAMPLE
 * (10, Temporal per minute), BENCH_SLA_RUNS (7).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Ticket } from '../../core/schemas';
import { type SlaSetup, type SlaState, type TicketClocks, bySlaUrgency, ticketClocks } from '../../core/sla/clock';
import { SLA_TARGET_NAMES } from '../../core/sla/policy';
import { SLA_PRESETS } from '../../core/sla/presets';
import { type IsOpen, type ReferenceClock, referenceClocks, tabledIsOpen, temporalIsOpen } from './sla-reference';
import { BENCH_CALENDAR, BENCH_FROM, BENCH_NOW, BENCH_STAFF, slaBenchTicket } from './sla-tickets';

const envNum = (name: string, fallback: number) => {
	const v = Number(process.env[name]);
	return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};
const COUNT = envNum('BENCH_SLA_TICKETS', 100_000);
const SAMPLE = Math.min(envNum('BENCH_SLA_SAMPLE', 200), COUNT);
const NAIVE_SAMPLE = Math.min(envNum('BENCH_SLA_NAIVE_SAMPLE', 10), SAMPLE);
const RUNS = envNum('BENCH_SLA_RUNS', 7);
const MIN = 60_000;
const GOAL_MS = 250;
const GOAL_RATIO = 100;

const policy = SLA_PRESETS.find((p) => p.id === 'ts-pe-004')!;
const setup: SlaSetup = { policy, calendar: BENCH_CALENDAR, isStaff: (u) => BENCH_STAFF.has(u) };
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(ms >= 1 ? 1 : 3));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const iso = (t: number | null) => (t === null ? 'null' : new Date(t).toISOString());

function describeHistories(tickets: Ticket[]): string {
	let entries = 0;
	let paused = 0;
	let reopened = 0;
	let resolved = 0;
	for (const t of tickets) {
		entries += t.history.length;
		const statuses = t.history.flatMap((e) => (e.kind === 'status' ? [e.to] : []));
		if (statuses.some((s) => s.startsWith('waiting') || s === 'scheduled')) paused++;
		if (statuses.filter((s) => s === 'resolved').length > 1 || statuses.includes('resolved') && statuses.at(-1) === 'in-progress') reopened++;
		if (t.status === 'resolved' || t.status === 'closed') resolved++;
	}
	const share = (n: number) => `${((100 * n) / tickets.length).toFixed(0)}%`;
	return `${(entries / tickets.length).toFixed(1)} entries per ticket; ${share(paused)} paused at some time, ${share(reopened)} reopened, ${share(resolved)} resolved or closed now`;
}

const STATES: readonly SlaState[] = ['on-track', 'at-risk', 'breached', 'met', 'paused', 'not-applicable'];
const STATE_INDEX = Object.fromEntries(STATES.map((s, i) => [s, i])) as Record<SlaState, number>;

interface EngineRun {
	ms: number;
	cpuMs: number;
	/** How many clocks of each target ended in each state (targets in SLA_TARGET_NAMES order, states in STATES order). */
	tally: Int32Array;
	kept: TicketClocks[] | null;
}

/**
 * One pass of the engine over every ticket. Each ticket's clocks are used (counted by state) and dropped, as a queue
 * order or a count does; with `keep`, all of them are also kept in an array, which makes the garbage collector move
 * every result once or twice.
 */
function engineRun(tickets: Ticket[], keep: boolean): EngineRun {
	const tally = new Int32Array(SLA_TARGET_NAMES.length * STATES.length);
	const kept = keep ? new Array<TicketClocks>(tickets.length) : null;
	const started = performance.now();
	const cpu = process.cpuUsage();
	for (let i = 0; i < tickets.length; i++) {
		const clocks = ticketClocks(tickets[i], setup, BENCH_NOW);
		tally[STATE_INDEX[clocks.categorization.state]]++;
		tally[STATES.length + STATE_INDEX[clocks.firstResponse.state]]++;
		tally[2 * STATES.length + STATE_INDEX[clocks.resolution.state]]++;
		if (kept !== null) kept[i] = clocks;
	}
	const used = process.cpuUsage(cpu);
	return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, tally, kept };
}

/** The median wall and CPU time of RUNS passes, after one cold pass. */
function timeEngine(tickets: Ticket[], keep: boolean) {
	const cold = engineRun(tickets, keep);
	const runs = Array.from({ length: RUNS }, () => engineRun(tickets, keep));
	const wall = runs.map((r) => r.ms);
	return { cold: cold.ms, median: median(wall), min: Math.min(...wall), cpu: median(runs.map((r) => r.cpuMs)), last: runs[RUNS - 1] };
}

function referenceRun(sample: Ticket[], isOpen: IsOpen) {
	const started = performance.now();
	const clocks = sample.map((t) => referenceClocks(t, policy, BENCH_CALENDAR, isOpen, setup.isStaff, BENCH_NOW));
	return { msPerTicket: (performance.now() - started) / sample.length, clocks };
}

/** Differences between the engine and the reference on one ticket, in words. */
function disagreements(engine: TicketClocks, reference: Record<string, ReferenceClock | null>): string[] {
	const out: string[] = [];
	for (const name of SLA_TARGET_NAMES) {
		const e = engine[name];
		const r = reference[name];
		if (r === null) {
			if (e.state !== 'not-applicable' || e.due !== null) out.push(`${name}: engine ${e.state}, reference has no target`);
			continue;
		}
		const pairs: [string, unknown, unknown][] = [
			['state', e.state, r.state],
			['due', iso(e.due), iso(r.due)],
			['metAt', iso(e.metAt), iso(r.metAt)],
			['target min', e.targetMs / MIN, r.targetMin],
			['elapsed min', e.elapsedMs / MIN, r.elapsedMin],
			['paused min', e.pausedMs / MIN, r.pausedMin],
			['overdue min', e.overdueMs / MIN, r.overdueMin]
		];
		for (const [what, a, b] of pairs) if (a !== b) out.push(`${name} ${what}: engine ${a}, reference ${b}`);
	}
	return out;
}

function main() {
	console.log(`SLA benchmark: ${COUNT.toLocaleString('en-US')} tickets, ts-pe-004 on America/Denver Mon-Fri 07:00-15:30 with ${BENCH_CALENDAR.closures.length} closures, now = ${iso(BENCH_NOW)}`);
	console.log(`node ${process.version}, ${loadavg().map((l) => l.toFixed(2)).join(' ')} load average`);
	let started = performance.now();
	const tickets = Array.from({ length: COUNT }, (_, i) => slaBenchTicket(i));
	console.log(`generated in ${fmt(performance.now() - started)} ms: ${describeHistories(tickets)}`);
	const sample = Array.from({ length: SAMPLE }, (_, k) => tickets[Math.floor((k * COUNT) / SAMPLE)]);
	for (const t of sample) {
		const parsed = Ticket.safeParse(t);
		if (!parsed.success) throw new Error(`bench ticket ${t.number} is not a valid Ticket: ${parsed.error.message}`);
	}

	const used = timeEngine(tickets, false);
	const engineMs = used.median;
	const per = (ms: number) => `${fmt((1000 * ms) / COUNT)} µs per ticket`;
	console.log(`\nengine: ${fmt(engineMs)} ms for ${COUNT.toLocaleString('en-US')} tickets, each ticket's clocks used and dropped (median of ${RUNS}; min ${fmt(used.min)}; CPU ${fmt(used.cpu)} ms; first cold pass ${fmt(used.cold)} ms incl. compiling the calendar), ${per(engineMs)}`);
	const kept = timeEngine(tickets, true);
	console.log(`engine, all ${COUNT.toLocaleString('en-US')} results kept in an array: ${fmt(kept.median)} ms (median of ${RUNS}; min ${fmt(kept.min)}; CPU ${fmt(kept.cpu)} ms), ${per(kept.median)}`);
	const counts = SLA_TARGET_NAMES.map((name, t) => `${name}: ${STATES.flatMap((state, k) => (used.last.tally[t * STATES.length + k] > 0 ? [`${state} ${used.last.tally[t * STATES.length + k]}`] : [])).join(', ')}`);
	console.log(`states: ${counts.join('; ')}`);

	const clocks = kept.last.kept!;
	const byIndex = new Map(tickets.map((t, i) => [t, i]));
	started = performance.now();
	const sorted = [...tickets].sort(bySlaUrgency(BENCH_NOW, (t) => clocks[byIndex.get(t)!]));
	console.log(`queue order by SLA urgency of all ${COUNT.toLocaleString('en-US')} (clocks given): ${fmt(performance.now() - started)} ms; most urgent ${sorted[0].number}`);

	started = performance.now();
	const tabled = tabledIsOpen(BENCH_CALENDAR, BENCH_FROM - 86_400_000, BENCH_NOW + 30 * 86_400_000);
	const tableMs = performance.now() - started;
	const naiveSample = Array.from({ length: NAIVE_SAMPLE }, (_, k) => sample[Math.floor((k * SAMPLE) / NAIVE_SAMPLE)]);
	const naive = referenceRun(naiveSample, temporalIsOpen(BENCH_CALENDAR));
	const stepping = referenceRun(sample, tabled);
	let bad = 0;
	for (const [label, tickets, ref] of [['naive', naiveSample, naive], ['tabled', sample, stepping]] as const) {
		for (const [k, t] of tickets.entries()) {
			const diff = disagreements(ticketClocks(t, setup, BENCH_NOW), ref.clocks[k]);
			if (diff.length > 0 && ++bad <= 10) console.log(`DISAGREE (${label}) on ${t.number}: ${diff.join('; ')}`);
		}
	}
	const perTicket = engineMs / COUNT;
	console.log(`\nreference, naive (Temporal per minute): ${fmt(naive.msPerTicket)} ms per ticket on ${NAIVE_SAMPLE} tickets`);
	console.log(`reference, minute steps over a table of open minutes (${fmt(tableMs)} ms to fill it once, not counted): ${fmt(stepping.msPerTicket)} ms per ticket on ${SAMPLE} tickets`);
	console.log(`agreement: ${bad === 0 ? `every clock of the ${SAMPLE} + ${NAIVE_SAMPLE} sampled tickets (state, due to the minute, metAt, elapsed, paused, overdue)` : `${bad} disagreements`}`);
	const ratio = naive.msPerTicket / perTicket;
	const tabledRatio = stepping.msPerTicket / perTicket;
	console.log(`\nRESULT engine ${fmt(engineMs)} ms for ${COUNT.toLocaleString('en-US')} (goal < ${GOAL_MS} ms for 100k: ${engineMs * (100_000 / COUNT) < GOAL_MS ? 'met' : 'NOT met'}); ${fmt(kept.median)} ms with every result kept`);
	console.log(`RESULT ratio vs naive reference ${ratio.toFixed(0)}x (goal >= ${GOAL_RATIO}x: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}); vs tabled stepping ${tabledRatio.toFixed(0)}x`);
	if (bad > 0) throw new Error('the engine and the reference disagree');
}

try {
	main();
} catch (error) {
	console.error('\nBENCH FAILED:', error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
}
