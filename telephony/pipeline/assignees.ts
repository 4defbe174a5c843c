import { Ticket } from '../../core/schemas';
import { VoicemailDoc } from '../../core/telephony/docs';
import type { ChangeRow } from '../../server/gateway/feed';
import { type Db, getOrNull } from '../../server/store';
import { updateDoc } from './store-ops';

// Tickets whose assignee is remembered from the feed; past this many the store is read again.
const MAX_TICKETS = 50_000;

/**
 * Keeps each voicemail's `assignee` equal to its ticket's (who may play it besides coordinators), as tickets are
 * reassigned and voicemails move to the ticket they duplicate. Reconciles everything at start and after the feed
 * resumes; follows the shared feed in between. One change at a time; errors are logged.
 */
export class AssigneeSync {
	// Which voicemails each ticket has, and each voicemail's ticket.
	#byTicket = new Map<string, Set<string>>();
	#ticketOf = new Map<string, string>();
	// Each ticket's assignee as the feed last showed it: a voicemail whose assignee matches it costs no read.
	#assigneeOf = new Map<string, string | null>();
	// Each voicemail's assignee as the feed last showed it: a ticket change that leaves it right costs no read.
	#voicemailAssignee = new Map<string, string | null>();
	#chain: Promise<void> = Promise.resolve();

	constructor(private readonly main: Db, private readonly log: (line: string) => void) {}

	/** Reads every voicemail and puts each assignee right. */
	reconcileAll(): Promise<void> {
		return this.#queue(async () => {
			const rows = (await this.main.allDocs({ startkey: 'voicemail:', endkey: 'voicemail:\uffff', include_docs: true })).rows;
			for (const row of rows) {
				const vm = VoicemailDoc.safeParse(row.doc);
				if (!vm.success) continue;
				this.#index(vm.data._id, vm.data.ticket);
				const ticket = Ticket.safeParse(await getOrNull(this.main, `ticket:${vm.data.ticket}`));
				if (ticket.success) await this.#set(vm.data._id, vm.data.ticket, ticket.data.assignee);
			}
		});
	}

	/** Follows one change of the shared feed. */
	changed(row: ChangeRow): void {
		if (row.deleted || !row.doc) return;
		const doc = row.doc;
		if (row.id.startsWith('ticket:') && typeof doc.number === 'string') {
			const assignee = typeof doc.assignee === 'string' ? doc.assignee : null;
			const number = doc.number;
			if (this.#assigneeOf.size >= MAX_TICKETS) this.#assigneeOf.clear();
			this.#assigneeOf.set(number, assignee);
			if (!this.#byTicket.has(number)) return;
			const ids = [...this.#byTicket.get(number)!].filter((id) => this.#voicemailAssignee.get(id) !== assignee);
			if (ids.length === 0) return;
			void this.#queue(async () => {
				for (const id of ids) await this.#set(id, number, assignee);
			});
		} else if (row.id.startsWith('voicemail:') && typeof doc.ticket === 'string') {
			const number = doc.ticket;
			this.#index(row.id, number);
			if (this.#voicemailAssignee.size >= MAX_TICKETS) this.#voicemailAssignee.clear();
			this.#voicemailAssignee.set(row.id, typeof doc.assignee === 'string' ? doc.assignee : null);
			const assignee = this.#assigneeOf.get(number);
			if (assignee !== undefined && (doc.assignee ?? null) === assignee) return;
			void this.#queue(async () => {
				const ticket = Ticket.safeParse(await getOrNull(this.main, `ticket:${number}`));
				if (ticket.success) await this.#set(row.id, number, ticket.data.assignee, doc);
			});
		}
	}

	/** Resolves once the changes seen so far are handled. */
	settled(): Promise<void> {
		return this.#chain;
	}

	#queue(task: () => Promise<void>): Promise<void> {
		this.#chain = this.#chain.then(task).catch((error) => this.log(`phone: a voicemail's assignee was not updated (${error instanceof Error ? error.message : String(error)})`));
		return this.#chain;
	}

	#index(id: string, ticket: string): void {
		const before = this.#ticketOf.get(id);
		if (before === ticket) return;
		if (before) this.#byTicket.get(before)?.delete(id);
		this.#ticketOf.set(id, ticket);
		if (!this.#byTicket.has(ticket)) this.#byTicket.set(ticket, new Set());
		this.#byTicket.get(ticket)!.add(id);
	}

	/** Sets the voicemail's assignee to its ticket's, if it still belongs to that ticket; the one before joins its former assignees. */
	async #set(id: string, ticket: string, assignee: string | null, known?: Record<string, unknown>): Promise<void> {
		await updateDoc(this.main, id, VoicemailDoc, (vm) => {
			if (vm.ticket !== ticket || vm.assignee === assignee) return null;
			const former = vm.assignee && vm.assignee !== assignee ? [...new Set([...(vm.formerAssignees ?? []), vm.assignee])].slice(-50) : vm.formerAssignees;
			return { ...vm, assignee, ...(former ? { formerAssignees: former.filter((u) => u !== assignee) } : {}) };
		}, known);
	}
}
