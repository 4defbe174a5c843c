import type { Category } from './schemas';

/** A category as procedure 004's chart names it for staff, with the plain words a requester sees. */
export interface ChartCategory {
	code: string;
	/** The chart's name, which staff keep. */
	name: string;
	description: string;
	/** What a teacher or student would call it. */
	plainName: string;
	/** One line saying what belongs there, in a requester's words. */
	hint: string;
}

/** Procedure 004's categorization chart (TS-PE-004), with requester words beside each category. */
export const PROCEDURE_004_CATEGORIES: readonly ChartCategory[] = [
	{
		code: 'break-fix',
		name: 'Service Request - Hardware / Software Break Fix',
		description:
			'Hardware, software and network issues: computers, laptops, tablets, projectors, phones, printers, cartridges, monitors, scanners, cameras, software, cash registers, hand-held radios. Technicians acknowledge within 24 hours and resolve or assign to the appropriate team. Vendor-dependent, district-dependent, donated and personal devices have no defined SLA.',
		plainName: 'Something is broken or not working',
		hint: 'A computer, Chromebook, projector, printer, phone, app or the network.'
	},
	{
		code: 'security-access',
		name: 'Security Access',
		description:
			'Network access modifications including internet access and passwords: additional accounts, access rights, allow/disallow access to a user, block/unblock websites, password resets, dual campus login, parent portal access, website evaluation requests, additional network drives. Inappropriate websites are blocked immediately.',
		plainName: 'Sign-in, password or website access',
		hint: 'A locked account, a new account, a blocked or unblocked website, a shared drive.'
	},
	{
		code: 'acquisition',
		name: 'Acquisition',
		description:
			'Technology acquisition orders: equipment orders (bond and non-bond budget codes), delivery of new equipment or pickup of obsolete equipment (PUDs), stolen equipment, data drops, bar tags.',
		plainName: 'New equipment, pickup or stolen device',
		hint: 'Ordering or delivering equipment, taking old equipment away, reporting a stolen device.'
	},
	{
		code: 'training',
		name: 'Training',
		description:
			'Technology training for teachers and instructional users. Requests are noted and escalated to Instructional Technology, which closes and documents them. No defined SLA.',
		plainName: 'Help learning to use technology',
		hint: 'Training for you or your class on a device or an app.'
	},
	{
		code: 'scheduled-maintenance',
		name: 'Scheduled Maintenance',
		description:
			'Project tasks: new installations, application system upgrades, conversions or maintenance, planned with a scheduled completion date. Overdue requests are worked ahead of scheduled ones; the assignee adds a follow-up note at least once a week.',
		plainName: 'Planned installation or upgrade',
		hint: 'Installing something new or upgrading a system on a planned date.'
	},
	{
		code: 'inventory',
		name: 'Inventory',
		description:
			'Inventory maintenance and updates: bar tag requests, tags with incorrect locations, information queries and reports, the official technology audit, discrepancies, reconciliation, equipment moves (new and existing).',
		plainName: 'Equipment tags and moves',
		hint: 'A missing or wrong asset tag, moving equipment to another room.'
	},
	{
		code: 'process-related',
		name: 'Process Related',
		description:
			'Administrative, process and help desk related issues: loaner equipment (computers, phones), call transfers, phone messages. Handled as needed.',
		plainName: 'Loaners and other requests',
		hint: 'Borrowing a laptop or phone, or anything that fits nowhere else.'
	}
];

/**
 * A category's name and one-line hint for a requester: the district's own words on the category if it set them, else
 * the chart's plain words for its code, else its staff name with no hint.
 */
export function requesterCategory(category: Pick<Category, 'code' | 'name' | 'plainName' | 'hint'>): { name: string; hint: string } {
	const chart = PROCEDURE_004_CATEGORIES.find((c) => c.code === category.code);
	return { name: category.plainName || chart?.plainName || category.name, hint: category.hint || chart?.hint || '' };
}
