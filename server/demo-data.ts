import { seededRandom } from '../core/random';
import { autoAssignEntries } from '../core/assignment';
import { PROCEDURE_004_CATEGORIES } from '../core/categories';
import type { Building, Category, HistoryEntry, Priority, ReplicatedDoc, Role, Source, Status, Ticket, UserProfile } from '../core/schemas';
import { appendEntries, newTicket } from '../core/ticket';
import { deviceCode, ticketNumber } from '../core/ticket-number';
import { canTransition } from '../core/workflow';
import { defaultPhoneLine } from '../core/telephony/defaults';
import type { PhoneLineDoc } from '../core/telephony/docs';
import { SYSTEM } from '../core/telephony/voicemail-ticket';
import { demoKb } from './demo-kb';
import { officeHours } from './demo/office-hours';
import { demoCalendar, demoSlaDocs } from './demo/sla-docs';

/** Every demo account signs in with this password (documented in the README). */
export const DEMO_PASSWORD = 'helpdesk-demo';
export const DEMO_DISTRICT_NAME = 'Lakeside Unified School District';
const DOMAIN = 'lakeside-usd.example';

export interface DemoAccount { username: string; password: string; role: Role; name: string; note: string }
export interface DemoDistrict { docs: ReplicatedDoc[]; accounts: DemoAccount[] }

// ---------------------------------------------------------------- district tables

type Level = 'es' | 'ms' | 'hs';
/** code, name, building technician. Oak Hill and Willow Creek are small and share one technician. */
const SCHOOLS: [string, string, string][] = [
	['lincoln-es', 'Lincoln Elementary School', 'spatel'], ['jefferson-es', 'Jefferson Elementary School', 'kbrennan'],
	['maple-grove-es', 'Maple Grove Elementary School', 'aokoro'], ['cedar-ridge-es', 'Cedar Ridge Elementary School', 'tlindqvist'],
	['riverside-es', 'Riverside Elementary School', 'mfarouk'], ['sunset-park-es', 'Sunset Park Elementary School', 'jwhitaker'],
	['oak-hill-es', 'Oak Hill Elementary School', 'dnakai'], ['willow-creek-es', 'Willow Creek Elementary School', 'dnakai'],
	['harbor-view-ms', 'Harbor View Middle School', 'rcastro'], ['roosevelt-ms', 'Roosevelt Middle School', 'gmensah'],
	['pine-valley-ms', 'Pine Valley Middle School', 'hbauer'], ['eastwood-ms', 'Eastwood Middle School', 'vreddy'],
	['lakeside-hs', 'Lakeside High School', 'cmoreau'], ['north-shore-hs', 'North Shore High School', 'ebaptiste'],
	['summit-hs', 'Summit Alternative High School', 'lstrand']
];
/** The district office has no ETS: its tickets wait in the coordinators' queue (they stay "new" until triaged). */
const OFFICE = 'district-office';

const TECH_NAMES: Record<string, string> = {
	spatel: 'Sam Patel', kbrennan: 'Kevin Brennan', aokoro: 'Adaeze Okoro', tlindqvist: 'Tomas Lindqvist', mfarouk: 'Mona Farouk',
	jwhitaker: 'Jess Whitaker', dnakai: 'Dylan Nakai', rcastro: 'Rosa Castro', gmensah: 'George Mensah', hbauer: 'Hannah Bauer',
	vreddy: 'Vikram Reddy', cmoreau: 'Claire Moreau', ebaptiste: 'Eddie Baptiste', lstrand: 'Lena Strand'
};
type Area = 'network' | 'sis' | 'av';
/** Level-2 specialists, callable on their direct extension (procedure 000). */
const SPECIALISTS: Record<Area, [string, string, string]> = {
	network: ['jchen', 'Jordan Chen', '3447'], sis: ['pshah', 'Priya Shah', '3448'], av: ['bkowalski', 'Ben Kowalski', '3449']
};
const COORDINATORS: [string, string, string][] = [['mrivera', 'Marisol Rivera', '3446'], ['tokafor', 'Tunde Okafor', '3450']];
const ADMIN: [string, string, string] = ['admin', 'Dana Whitfield', '3400'];
const STUDENTS: [string, string, string][] = [
	['alex.kim', 'Alex Kim', 'lakeside-hs'], ['maya.johnson', 'Maya Johnson', 'lakeside-hs'], ['diego.alvarez', 'Diego Alvarez', 'north-shore-hs'],
	['jamal.wright', 'Jamal Wright', 'summit-hs'], ['priya.das', 'Priya Das', 'harbor-view-ms'], ['owen.mccarthy', 'Owen McCarthy', 'harbor-view-ms'],
	['sofia.rossi', 'Sofia Rossi', 'roosevelt-ms']
];
const SCHOOL_JOBS = ['Principal', 'School secretary', 'Teacher', 'Teacher', 'Teacher', 'Teacher'];
const OFFICE_JOBS = ['Superintendent’s assistant', 'HR specialist', 'Business office manager', 'Payroll clerk', 'Curriculum director', 'Transportation coordinator', 'Communications officer', 'Food services director'];
/** Fixed names for the people the README lists; everyone else is drawn from the name lists. */
const FIXED_STAFF: Record<string, [string, string]> = { 'lincoln-es/1': ['lgarcia', 'Linda Garcia'] };
const README_NOTES: Record<string, string> = {
	admin: 'Administrator: buildings, categories and accounts',
	mrivera: 'Coordinator: sees every ticket, triages the district office queue',
	spatel: 'Building technician (ETS) for Lincoln Elementary',
	pshah: 'Specialist for software and PowerSchool (level 2), extension 3448',
	lgarcia: 'Staff requester: school secretary at Lincoln Elementary',
	'alex.kim': 'Student requester at Lakeside High School'
};
const FIRST = 'Emma Noah Olivia Liam Ava Ethan Sophia Mason Isabella Lucas Mia Aiden Harper Elijah Amelia James Evelyn Benjamin Abigail Logan Emily Daniel Ella Henry Grace Samuel Chloe David Nora Owen Hannah Caleb Lily Gabriel Zoe Isaac Leah'.split(' ');
const LAST = 'Anderson Brooks Campbell Diaz Edwards Foster Gonzalez Hughes Ibarra Jensen Kaur Lopez Murphy Nakamura Olsen Perez Quinn Ramirez Sullivan Tran Underwood Vasquez Walker Xiong Young Zimmerman Bennett Castillo Donovan Ellis Fischer Greene Hayes Iverson Jimenez Larsen Mendoza Nguyen Ortiz Price Holloway'.split(' ');

/** A kind of problem people report. `{room}` is filled in; `vendor`/`district`/`plan` are the notes of those waits. */
interface Problem {
	cat: string; pri: Priority; title: string; desc: string; diag: string; fix: string;
	area?: Area; room?: string; who?: 'student' | 'office'; remote?: boolean; anywhere?: boolean; vendor?: string; district?: string; plan?: string;
}
const PROBLEMS: Problem[] = [
	{ cat: 'break-fix', pri: 3, area: 'av', title: 'Projector won’t turn on in room {room}', desc: 'The ceiling projector shows no power light at all. The outlet works (tested it with a phone charger) and I tried both the remote and the button on the unit.', diag: 'Lamp is at 4,980 of 5,000 hours and the projector refuses to start on the lamp-life lockout.', fix: 'Replaced the lamp with a spare from the building stock, reset the lamp timer, and checked focus and keystone with the teacher.', vendor: 'No spare lamp left in district stock; ordered an ELPLP96 lamp from the vendor, expected in 5-7 business days.' },
	{ cat: 'break-fix', pri: 3, title: 'Chromebook cart not charging in room {room}', desc: 'None of the slots in our Chromebook cart show a charging light this morning. About half the class is under 10% battery.', diag: 'The cart’s power strip breaker trips as soon as all 30 slots draw at once; it was reset yesterday and tripped again overnight.', fix: 'Set the cart’s timer to charge in two banks of 15 and moved it to its own outlet; all 30 Chromebooks were at 100% the next morning.', vendor: 'Cart’s charging board is failing; opened a warranty case with the cart manufacturer for a replacement board.' },
	{ cat: 'break-fix', pri: 4, anywhere: true, room: 'Main office', title: 'Printer jams on every two-sided job in the main office', desc: 'The main office LaserJet jams every time we print double-sided. The paper comes out crumpled at the back door. Single-sided is fine.', diag: 'A torn address label is stuck in the duplex path and the pickup rollers are glazed.', fix: 'Removed the label from the duplex unit, cleaned the pickup and separation rollers, and printed 40 two-sided test pages without a jam.', vendor: 'Duplex gear is cracked; part ordered from the printer service vendor.' },
	{ cat: 'break-fix', pri: 3, area: 'av', remote: true, title: 'Smartboard calibration is off in room {room}', desc: 'When I touch the board the mark appears about two inches to the left of my finger. Restarting the computer didn’t change it.', diag: 'A Windows update replaced the SMART driver with a generic touch driver, so the board lost its orientation data.', fix: 'Reinstalled the current SMART drivers, ran the 20-point orientation with the teacher, and confirmed writing is accurate in all four corners.' },
	{ cat: 'break-fix', pri: 3, area: 'network', room: 'Gym', title: 'Wi-Fi keeps dropping in the gym', desc: 'The PE attendance iPad loses Wi-Fi every few minutes in the gym. It works fine in the hallway.', diag: 'Signal at the bleachers is -78 dBm; the gym is only covered by the hallway access point through a block wall.', fix: 'Installed and configured a ceiling access point in the gym; signal is now -55 dBm and the iPad stayed connected through two full class periods.', district: 'A new access point for the gym needs sign-off on the building’s network project budget; waiting on the district business office.' },
	{ cat: 'break-fix', pri: 2, area: 'av', title: 'Classroom phone has no dial tone in room {room}', desc: 'The phone in my room shows my extension on the screen but there is no dial tone when I pick up the handset. This is our emergency phone.', diag: 'Handset cord is split near the plug; the base is registered with the call server.', fix: 'Replaced the coiled handset cord and re-seated the network cable; test calls to and from the front office worked and the all-call page came through.' },
	{ cat: 'security-access', pri: 2, area: 'sis', anywhere: true, remote: true, title: 'PowerSchool login locked before attendance', desc: 'PowerSchool says my account is locked. I need to take attendance for first period.', diag: 'Account locked after repeated failed sign-ins from an outdated saved login in the browser.', fix: 'Unlocked the PowerSchool account after confirming identity by calling back on the school’s main line, removed the outdated saved login from the browser, and watched the teacher submit attendance.' },
	{ cat: 'break-fix', pri: 3, area: 'av', title: 'Document camera shows no picture in room {room}', desc: 'The document camera powers on but the projector says no signal on HDMI 2.', diag: 'Camera was switched to USB output mode, and the HDMI cable has a bent connector.', fix: 'Set the camera back to HDMI output, replaced the HDMI cable, and labeled the input on the projector remote.' },
	{ cat: 'break-fix', pri: 3, anywhere: true, title: 'Teacher laptop stuck on the logo screen', desc: 'My laptop won’t start; it sits on the Dell logo and then restarts. I need it for my lessons.', diag: 'Built-in diagnostics report a failed SSD (error 2000-0151).', fix: 'Installed the warranty replacement SSD, reimaged with the staff image, and confirmed the teacher’s files came back through OneDrive sync.', vendor: 'Opened a Dell warranty case for the failed SSD; the replacement is shipping to the building. Loaner laptop issued meanwhile.' },
	{ cat: 'break-fix', pri: 2, area: 'network', room: 'Computer lab', title: 'Computer lab PCs cannot load any websites', desc: 'None of the 30 computers in the lab can load websites since this morning. We have classes in there all day.', diag: 'The lab uplink port negotiated 100 Mb half-duplex and shows thousands of CRC errors.', fix: 'Replaced the uplink patch cable and reset the switch port to 1 Gb full duplex; all 30 PCs load pages and the class is back online.' },
	{ cat: 'break-fix', pri: 1, area: 'network', anywhere: true, room: 'MDF', title: 'No internet anywhere in the building', desc: 'Nobody in the building can reach the internet since about 7:40. The phones still work.', diag: 'The fiber media converter in the MDF lost power when its UPS battery failed a self-test.', fix: 'Moved the media converter to the second UPS, confirmed internet in every wing, and opened a follow-up to replace the failed UPS battery.' },
	{ cat: 'break-fix', pri: 1, area: 'av', anywhere: true, room: 'Front office', title: 'Front office phones cannot call out', desc: 'None of the front office phones can make outside calls; calls between rooms still work. Parents can’t reach us.', diag: 'The SIP trunk dropped its registration after the phone provider’s overnight maintenance.', fix: 'Re-registered the SIP trunk, confirmed inbound and outbound calls from the front office, and asked the provider for an incident report.' },
	{ cat: 'break-fix', pri: 4, who: 'student', title: 'Chromebook screen cracked', desc: 'My Chromebook screen has a crack across the bottom and part of it is black. It fell out of my backpack.', diag: 'LCD panel cracked; keyboard and hinges are fine. Issued loaner C-112 from the library.', fix: 'Replaced the LCD panel, checked the hinges, and swapped the student’s Chromebook back for the loaner.', vendor: 'Screen panel ordered through the repair vendor; the student keeps the loaner until it arrives.' },
	{ cat: 'break-fix', pri: 3, who: 'student', area: 'network', title: 'Chromebook won’t connect to school Wi-Fi', desc: 'My Chromebook says no network at school. It works at home.', diag: 'The device’s enrollment expired, so it no longer receives the school Wi-Fi profile.', fix: 'Re-enrolled the Chromebook in the district domain; it picked up the Wi-Fi profile and connected in class.' },
	{ cat: 'break-fix', pri: 3, who: 'student', title: 'Google Classroom assignments won’t open', desc: 'When I click an assignment in Google Classroom it just spins. Other sites work.', diag: 'A browser extension the student added blocks the Google Docs scripts.', fix: 'Removed the extension, cleared the cached site data for Google Classroom, and blocked that extension for student accounts in the admin console.' },
	{ cat: 'break-fix', pri: 2, room: 'Cafeteria', title: 'Cafeteria register frozen during lunch', desc: 'The second lunch register froze on a spinning wheel. We are running one line only.', diag: 'The receipt printer driver hung the point-of-sale app after the printer was unplugged mid-transaction.', fix: 'Restarted the POS service, updated the receipt printer driver, and rang a test sale with the cafeteria manager before the next lunch period.' },
	{ cat: 'break-fix', pri: 2, area: 'sis', room: 'Library', title: 'Testing Chromebooks won’t open the state test app', desc: 'About a third of the testing Chromebooks in the library get an error when launching the state test app. Testing starts Tuesday.', diag: 'Those devices run an older kiosk app version that the testing site no longer accepts.', fix: 'Pushed the current kiosk app version to the testing group and ran the readiness check on all 32 devices; all passed.' },
	{ cat: 'break-fix', pri: 4, anywhere: true, room: 'Staff workroom', title: 'Copier scan-to-email stopped working', desc: 'The workroom copier scans, but the emails never arrive.', diag: 'The copier still points at the old mail relay from before the email migration.', fix: 'Updated the copier’s mail relay and sender address, sent test scans to two staff mailboxes, and updated the copier settings sheet.' },
	{ cat: 'break-fix', pri: 2, area: 'av', title: 'No announcements or fire drill tone in room {room}', desc: 'We can’t hear morning announcements or the fire drill tone in my room.', diag: 'The speaker wire is disconnected at the ceiling junction above the door.', fix: 'Reconnected the speaker wire at the junction and tested an all-call page and the bell tone with the front office.' },
	{ cat: 'break-fix', pri: 4, anywhere: true, title: 'Second monitor flickers at the teacher desk in room {room}', desc: 'My second monitor flickers and goes black for a second every few minutes.', diag: 'The DisplayPort cable is loose in the dock and its latch is broken.', fix: 'Replaced the DisplayPort cable and secured the dock; no flicker over a full class period.' },
	{ cat: 'security-access', pri: 4, area: 'sis', anywhere: true, who: 'office', title: 'New hire needs accounts before Monday', desc: 'A new 3rd grade teacher, Ms. Holloway, starts Monday and needs a network account, email, PowerSchool and Seesaw access.', diag: 'HR record exists; the PowerSchool teacher section is not created yet.', fix: 'Created the network and email accounts, added the PowerSchool teacher role and section, and set up Seesaw; the sealed welcome letter went to the principal.', district: 'Waiting on HR to finish onboarding so the employee ID exists in the HR system.' },
	{ cat: 'security-access', pri: 3, area: 'network', title: 'Website block request: unblock a museum site for class', desc: 'The content filter blocks smithsonianmag.com as restricted. I use it for my history lessons next week.', diag: 'The filter puts the site in News and Magazines, which is blocked for students.', fix: 'Reviewed the site against the filtering guidelines and approved it; added it to the allowed list and confirmed it loads on a student Chromebook.', district: 'Website evaluation needs the principal’s approval under the filtering procedure; request sent to the principal.' },
	{ cat: 'security-access', pri: 4, remote: true, title: 'Need access to the science department shared drive', desc: 'I moved to the science department and can’t open the Science folder on the S: drive.', diag: 'The teacher is still only in the Math department group.', fix: 'Added the teacher to the Science department group; the Science folder appears after signing out and back in.' },
	{ cat: 'security-access', pri: 3, area: 'sis', room: 'Front office', title: 'Long-term substitute can’t sign in to the classroom computer', desc: 'Our long-term sub can’t sign in to the classroom computer or take attendance.', diag: 'The sub’s account was created without the substitute role, so classroom computers refuse the sign-in.', fix: 'Added the substitute role and attendance-only PowerSchool access for the assignment dates; the sub signed in at the front office.' },
	{ cat: 'security-access', pri: 2, anywhere: true, remote: true, title: 'Email account locked after a phone change', desc: 'Email says my account is locked. I got a new phone and the old one kept trying to sync.', diag: 'The account was locked by repeated sign-ins from the old phone’s mail app.', fix: 'Unlocked the account after a call-back identity check, removed the old phone’s mail profile, and the teacher signed in again on the new phone.' },
	{ cat: 'security-access', pri: 3, area: 'network', title: 'Website block request: game site getting through the filter', desc: 'Students are playing games on a site that gets through the filter. Please block it for student accounts.', diag: 'The site moved to a new domain the filter has not categorized yet.', fix: 'Blocked the domain and its mirror for student accounts and verified from a student Chromebook that both show the block page.' },
	{ cat: 'acquisition', pri: 4, who: 'office', title: 'Order a document camera for room {room}', desc: 'We would like to order a document camera for room {room} on building budget code 10-4410.', diag: 'Quote prepared for an IPEVO V4K; budget code verified with the office.', fix: 'Document camera delivered, bar-tagged, installed and shown to the teacher; inventory updated.', vendor: 'Order placed with the vendor; waiting on delivery.', plan: 'Installation planned for the teacher’s planning period after delivery.' },
	{ cat: 'acquisition', pri: 4, who: 'office', room: 'Storage room', title: 'Pick up obsolete computers (PUD)', desc: 'We have 14 old desktops and 6 monitors in the storage room ready for pickup.', diag: 'Counted 14 desktops and 6 monitors and matched their bar tags to inventory.', fix: 'Picked up 14 desktops and 6 monitors, wiped the drives, removed them from inventory and sent them to e-waste recycling.', plan: 'Pickup booked with the district warehouse truck.' },
	{ cat: 'acquisition', pri: 1, who: 'office', title: 'Teacher laptop stolen from room {room}', desc: 'A teacher laptop was taken from room {room} over the weekend. The door was found unlocked Monday morning.', diag: 'Found the laptop in inventory; its last check-in was Friday at 3:12 pm.', fix: 'Flagged the laptop stolen and remote-locked it in the device console, issued a replacement to the teacher, and marked it stolen in inventory.', district: 'Waiting on the police report number for the theft investigation.' },
	{ cat: 'training', pri: 3, area: 'av', title: 'Training on the new interactive panels', desc: 'Three new teachers would like a short session on the new interactive panels.', diag: 'Collected the new teachers’ planning periods to find a common time.', fix: 'Held a 45-minute session on the whiteboard, screen sharing and saving notes; the handout is in the knowledge base.', plan: 'Session set for the Wednesday early-release PD time.' },
	{ cat: 'training', pri: 4, area: 'sis', anywhere: true, who: 'office', title: 'PowerSchool report training for the office staff', desc: 'Our office staff need a refresher on running PowerSchool reports before report cards go out.', diag: 'Listed the three reports the office runs each term.', fix: 'Ran a one-hour refresher on PowerSchool report templates and saved the three report setups the office uses.', plan: 'Training booked on the district calendar.' },
	{ cat: 'scheduled-maintenance', pri: 3, room: 'Computer lab', title: 'Install 3D design software on the lab computers', desc: 'Please install SketchUp on the lab computers before the new semester.', diag: 'License seats confirmed; package built and tested on one lab PC.', fix: 'Deployed SketchUp to all 30 lab PCs and confirmed activation on three of them.', plan: 'Deployment set for the teacher workday, when the lab is empty.' },
	{ cat: 'scheduled-maintenance', pri: 4, area: 'av', title: 'Move classroom technology for a room change', desc: 'I am moving out of room {room} at the semester; my printer, document camera and phone extension need to move with me.', diag: 'Walked both rooms; the new room has a live data drop for the phone.', fix: 'Moved the printer and document camera, re-patched the phone so the extension follows the teacher, and updated room locations in inventory.', plan: 'Move set for the last day of the semester after dismissal.' },
	{ cat: 'inventory', pri: 4, anywhere: true, who: 'office', title: 'Bar tags missing on new laptops', desc: 'Twelve new laptops arrived without district bar tags.', diag: 'Matched the 12 serial numbers to the purchase order.', fix: 'Printed and applied bar tags to all 12 laptops and corrected their location in inventory.' },
	{ cat: 'inventory', pri: 4, who: 'office', title: 'Send our spare projector cart to the warehouse', desc: 'We are sending our spare projector cart to the district warehouse for reuse; please update inventory and arrange the move.', diag: 'Cart and projector bar tags verified against inventory.', fix: 'Moved the projector cart to the district warehouse and transferred both bar tags in inventory.', plan: 'Move booked with the warehouse truck.' },
	{ cat: 'process-related', pri: 3, anywhere: true, title: 'Loaner laptop needed during a repair', desc: 'My laptop is out for repair and I need something to teach with tomorrow.', diag: 'Loaner L-014 is charged and imaged.', fix: 'Issued loaner L-014, recorded it on the loaner log, and set a reminder to collect it when the repair ticket closes.' },
	{ cat: 'process-related', pri: 4, area: 'av', room: 'Front office', title: 'Attendance line voicemail box is full', desc: 'Parents calling the attendance line hear that the mailbox is full.', diag: 'The mailbox holds 200 messages and 198 are saved messages from last year.', fix: 'Cleared the old messages with the secretary, raised the mailbox limit, and set messages to delete after 30 days.' }
];

/** How many tickets end in each status, and how many days before `now` they were filed. */
const STATUS_PLAN: [Status, number, number, number][] = [
	['new', 7, 0, 0.5], ['assigned', 14, 0, 3], ['in-progress', 20, 0, 6], ['waiting-requester', 10, 1, 12],
	['waiting-vendor', 9, 4, 40], ['waiting-district', 7, 3, 30], ['scheduled', 10, 2, 30], ['resolved', 26, 0, 4], ['closed', 197, 2, 90]
];
const SOURCE_WEIGHTS: [Source, number][] = [['web', 52], ['phone', 15], ['voicemail', 8], ['on-behalf', 10], ['email', 15]];
const QUESTIONS: [string, string][] = [
	['which period the room is free so the work doesn’t interrupt class', 'Free during 3rd period (10:15-11:00) all week.'],
	['when someone can let me in after school', 'I am here until 4:00 every day except Wednesday.'],
	['whether tomorrow before the first bell works for a visit', 'Tomorrow at 7:30 works; I will be there.']
];
const ESCALATION: Record<Area, string> = {
	network: 'Needs switch or wireless configuration that only the network team can change.',
	sis: 'Needs PowerSchool or account administration rights beyond the building level.',
	av: 'Needs the AV/phone specialist and the spare parts kept at the district shop.'
};
const SPECIALIST_WORK: Record<Area, string> = {
	network: 'Reviewed the switch and wireless controller logs for the building and confirmed the cause on the network side.',
	sis: 'Checked the account, roles and app settings in the district admin consoles and found the mismatch.',
	av: 'Tested on site with the spare kit from the district shop and isolated the failing component.'
};
const FOLLOW_UP: Partial<Record<Status, string>> = {
	'waiting-vendor': 'Weekly follow-up: checked with the vendor, no ship date change yet; requester informed.',
	'waiting-district': 'Weekly follow-up: sent a reminder to the district office; requester informed it is still pending.',
	scheduled: 'Weekly follow-up: still on the schedule; confirmed the date with the requester.'
};

// ---------------------------------------------------------------- people and buildings

interface Person { profile: UserProfile; job: string }
const MIN = 60_000;

/**
 * A fictional but valid Colorado number, 555-0100 to 555-0199 under one of the state's area codes, so caller matching
 * works in the demo: buildings under 303, technology staff (mobiles) under 720, other staff under 719 and 970.
 */
const demoPhone = (area: 303 | 720 | 719 | 970, n: number) => `${area}-555-${String(100 + n).padStart(4, '0')}`;
/** Technology staff's mobile numbers, in the order they are listed below. */
const IT_PHONE_SLOTS: Record<string, number> = { admin: 0, mrivera: 1, tokafor: 2, jchen: 3, pshah: 4, bkowalski: 5 };
/** Rung for the help desk (menu 1): both coordinators; for an emergency (9): them and the network specialist. */
const PHONE_LINE_STAFF = { helpdesk: ['mrivera', 'tokafor'], onCall: ['mrivera', 'tokafor', 'jchen'], defaultBuilding: 'district-office' };

/** The demo district's phone line: the default menu and words, ringing its coordinators, and the network specialist in an emergency. */
export function demoPhoneLine(now: Date): PhoneLineDoc {
	return defaultPhoneLine(now, PHONE_LINE_STAFF);
}
const DAY = 1440 * MIN;

function person(username: string, name: string, role: Role, buildings: string[], job: string, more: Partial<UserProfile> = {}): Person {
	const email = `${username}@${more.kind === 'student' ? 'students.' : ''}${DOMAIN}`;
	const profile: UserProfile = { _id: `user:${username}`, type: 'user', username, name, role, kind: 'staff', buildings, email, active: true, ...more };
	return { profile, job };
}

function buildPeople(): Person[] {
	const fixed = [ADMIN, ...COORDINATORS, ...Object.values(SPECIALISTS), ...STUDENTS, ...Object.values(FIXED_STAFF)];
	const taken = new Set<string>([...Object.keys(TECH_NAMES), ...fixed.map(([u]) => u)]);
	const mobile = (username: string) => ({ phone: demoPhone(720, IT_PHONE_SLOTS[username]) });
	const people: Person[] = [person(ADMIN[0], ADMIN[1], 'admin', [], 'Technology director', { extension: ADMIN[2], ...mobile(ADMIN[0]) })];
	const allCodes = [...SCHOOLS.map(([c]) => c), OFFICE];
	for (const [u, n, ext] of COORDINATORS) people.push(person(u, n, 'coordinator', allCodes, 'Technology coordinator', { extension: ext, ...mobile(u) }));
	for (const [area, [u, n, ext]] of Object.entries(SPECIALISTS)) people.push(person(u, n, 'specialist', allCodes, `${area} specialist`, { extension: ext, ...mobile(u) }));
	Object.entries(TECH_NAMES).forEach(([u, n], i) => {
		const covers = SCHOOLS.filter(([, , t]) => t === u).map(([c]) => c);
		people.push(person(u, n, 'building-tech', covers, 'Building technician (ETS)', { extension: String(4101 + i), phone: demoPhone(720, 10 + i) }));
	});
	let k = 0;
	const staff = (code: string, slot: number, job: string) => {
		const fixed = FIXED_STAFF[`${code}/${slot}`];
		const name = fixed?.[1] ?? `${FIRST[k % FIRST.length]} ${LAST[(k * 7) % LAST.length]}`;
		let username = fixed?.[0] ?? name.toLowerCase().replace(/^(\w)\w* (\w+)$/, '$1$2');
		for (let n = 2; !fixed && taken.has(username); n++) username = `${username.replace(/\d+$/, '')}${n}`;
		taken.add(username);
		people.push(person(username, name, 'requester', [code], job, { phone: demoPhone(k % 2 === 0 ? 719 : 970, Math.floor(k / 2)), employeeId: `E${10400 + k}` }));
		k++;
	};
	for (const [code] of SCHOOLS) SCHOOL_JOBS.forEach((job, slot) => staff(code, slot, job));
	OFFICE_JOBS.forEach((job, slot) => staff(OFFICE, slot, job));
	STUDENTS.forEach(([u, n, code], i) => people.push(person(u, n, 'requester', [code], 'Student', { kind: 'student', employeeId: `S${200310 + i * 13}` })));
	return people;
}

function buildBuildings(): Building[] {
	const schools = SCHOOLS.map(([code, name, technician], i): Building => ({ _id: `building:${code}`, type: 'building', code, name, kind: 'school', technician, phone: demoPhone(303, 10 + i) }));
	return [...schools, { _id: `building:${OFFICE}`, type: 'building', code: OFFICE, name: 'District Office', kind: 'office', technician: null, phone: demoPhone(303, 0) }];
}

// ---------------------------------------------------------------- tickets

function makeRng(seed: number) {
	const next = seededRandom(seed);
	const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
	const weighted = <T>(xs: readonly [T, number][]): T => {
		let roll = next() * xs.reduce((s, [, w]) => s + w, 0);
		return (xs.find(([, w]) => (roll -= w) < 0) ?? xs[xs.length - 1])[0];
	};
	return { next, int, pick, weighted, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof makeRng>;

type Body = Exclude<HistoryEntry, { kind: 'created' }> extends infer E ? (E extends unknown ? Omit<E, 'id' | 'at' | 'by'> : never) : never;
interface Step { at: number; by: string; body: Body }

/** The district's office hours in America/Denver (across DST), weekends and closures skipped. */
const office = officeHours(demoCalendar(new Date(0)));
const workTime = (t: number) => office.workTime(t);

/** A ticket's story after its creation, told in order; status changes are checked against the workflow. */
class Story {
	readonly steps: Step[] = [];
	constructor(public at: number, public status: Status, readonly until: number) {}
	add(minutes: number, by: string, body: Body): this {
		const next = this.at + Math.max(1, Math.round(minutes)) * MIN;
		this.at = workTime(next) < this.until ? workTime(next) : next;
		this.steps.push({ at: this.at, by, body });
		return this;
	}
	note(minutes: number, by: string, text: string, interaction?: { type: 'desk-visit' | 'phone-call' | 'remote'; minutes: number }): this {
		return this.add(minutes, by, interaction ? { kind: 'note', text, interaction } : { kind: 'note', text });
	}
	/** A note saved together with the step before it, as the status form saves a change and its reason. */
	explain(by: string, text: string): this {
		this.steps.push({ at: this.at, by, body: { kind: 'note', text } });
		return this;
	}
	move(minutes: number, by: string, to: Status): this {
		if (!canTransition(this.status, to)) throw new Error(`demo data: ${this.status} cannot go to ${to}`);
		this.add(minutes, by, { kind: 'status', from: this.status, to });
		this.status = to;
		return this;
	}
}

interface Plan {
	status: Status; source: Source; problem: Problem; requester: UserProfile; creator: UserProfile;
	building: Building; room: string; owner: string; createdAt: number; story: Story;
}

const fill = (text: string, room: string) => text.replaceAll('{room}', room);
const iso = (ms: number) => new Date(ms).toISOString();
const first = (p: UserProfile) => p.name.split(' ')[0];
const place = (room: string) => (/^\d/.test(room) ? `room ${room}` : `the ${room === 'MDF' ? room : room.toLowerCase()}`);

/** An office-hours time on the office day `days` before now, or a few hours ago for today's tickets. */
function filedAt(now: number, days: number, r: Rng): number {
	if (days < 1) return now - r.int(20, Math.round(days * 1440) + 30) * MIN;
	return office.filedOn(now, Math.floor(days), r.int(0, office.minutesOpen - 1));
}

function pickProblem(status: Status, r: Rng): Problem {
	const needs: Partial<Record<Status, keyof Problem>> = { 'waiting-vendor': 'vendor', 'waiting-district': 'district', scheduled: 'plan' };
	const need = needs[status];
	return r.pick(PROBLEMS.filter((p) => (need ? p[need] : true) && (status !== 'new' || (p.anywhere && p.pri > 1))));
}

function planTicket(status: Status, days: [number, number], now: number, r: Rng, people: Person[], buildings: Building[]): Plan {
	const problem = pickProblem(status, r);
	const atOffice = (p: UserProfile) => p.buildings[0] === OFFICE;
	const fits = ({ profile: p, job }: Person) =>
		p.role === 'requester' && (problem.who === 'student' ? p.kind === 'student' : p.kind === 'staff') &&
		(problem.who !== 'office' || /Principal|secretary/.test(job) || atOffice(p)) &&
		(status === 'new' ? atOffice(p) : problem.anywhere || !atOffice(p));
	const requesters = people.filter(fits);
	const requester = r.pick(requesters).profile;
	const building = buildings.find((b) => b.code === requester.buildings[0])!;
	const level: Level = building.code.endsWith('-hs') ? 'hs' : building.code.endsWith('-ms') ? 'ms' : 'es';
	const room = problem.room ?? `${r.int(1, level === 'hs' ? 3 : level === 'ms' ? 2 : 1)}${String(r.int(1, 30)).padStart(2, '0')}`;
	const coordinator = r.pick(COORDINATORS)[0];
	const owner = building.technician ?? (problem.area ? SPECIALISTS[problem.area][0] : coordinator);
	const canBeCalledIn = status !== 'new' && requester.kind === 'staff';
	let source: Source = requester.kind === 'student' ? 'web' : r.weighted(SOURCE_WEIGHTS);
	if (!canBeCalledIn && (source === 'phone' || source === 'voicemail')) source = 'web';
	const coworkers = people.filter(({ profile: p }) => p.role === 'requester' && p.kind === 'staff' && p.buildings[0] === building.code && p.username !== requester.username);
	const byUsername = (u: string) => people.find((p) => p.profile.username === u)!.profile;
	const creator =
		source === 'phone' ? byUsername(building.technician && r.chance(0.6) ? building.technician : coordinator)
		: source === 'voicemail' ? byUsername(coordinator)
		: source === 'on-behalf' ? r.pick(coworkers).profile
		: requester;
	const createdAt = filedAt(now, days[0] + r.next() * (days[1] - days[0]), r);
	// Staff filing a call assign it at once; the server gives a web ticket to the building's technician on arrival.
	const story = new Story(createdAt, source === 'phone' || source === 'voicemail' || building.technician ? 'assigned' : 'new', now - 5 * MIN);
	return { status, source, problem, requester, creator, building, room, owner, createdAt, story };
}

/** Writes what happened to the ticket, from filing to its final status. */
function tell(plan: Plan, r: Rng): void {
	const { story: s, problem: p, requester, owner, room, status: target } = plan;
	const coordinator = r.pick(COORDINATORS)[0];
	const specialist = p.area ? SPECIALISTS[p.area][0] : null;
	const hasTech = plan.building.technician !== null;
	if (plan.source === 'voicemail') s.add(1, 'system', { kind: 'transcript', text: `Hi, this is ${requester.name} at ${plan.building.name}, calling about ${place(room)}. ${fill(p.desc, room)} You can call me back at ${requester.phone}. Thanks.` });
	if (target === 'new') {
		if (r.chance(0.5)) s.add(r.int(10, 60), coordinator, { kind: 'set', changes: { category: p.cat, priority: p.pri } });
		return;
	}
	if (plan.source !== 'phone' && plan.source !== 'voicemail') {
		const triager = hasTech && r.chance(0.5) ? owner : coordinator;
		s.add(r.int(15, 150), triager, { kind: 'set', changes: { category: p.cat, priority: p.pri, ...(hasTech ? {} : { assignee: owner }) } });
		if (!hasTech) s.move(1, triager, 'assigned');
	}
	if (target === 'assigned') {
		if (r.chance(0.5)) s.note(r.int(20, 240), owner, `Saw this; I’ll come by ${place(room)} before first period tomorrow to look at it.`);
		return;
	}
	if (target === 'scheduled' || (p.plan && r.chance(0.4))) {
		// Most open scheduled work is due ahead of now; some is overdue (procedure 004 works those first).
		const due = Math.max(s.at + r.int(3, 21) * DAY, target === 'scheduled' && r.chance(0.75) ? s.until + r.int(1, 14) * DAY : 0);
		s.add(r.int(60, 1440), owner, { kind: 'set', changes: { dueDate: iso(due).slice(0, 10) } });
		s.move(1, owner, 'scheduled').explain(owner, `${p.plan ?? 'Scheduled.'} Due ${iso(due).slice(0, 10)}.`);
		if (target === 'scheduled') return;
		s.at = Math.max(s.at, due - DAY);
	}
	s.move(r.int(30, 1440), owner, 'in-progress');
	if (p.remote && r.chance(0.7)) {
		s.add(r.int(5, 60), requester.username, { kind: 'remote-permission', granted: true });
		s.note(r.int(2, 10), owner, `Connected remotely with ${first(requester)}’s permission. ${p.diag}`, { type: 'remote', minutes: r.int(5, 30) });
	} else {
		s.note(r.int(15, 240), owner, `Desk visit to ${place(room)}: ${p.diag}`, { type: 'desk-visit', minutes: r.int(10, 60) });
	}
	if (target === 'waiting-requester' || ((target === 'resolved' || target === 'closed') && r.chance(0.15))) {
		const [question, answer] = r.pick(QUESTIONS);
		s.move(r.int(5, 60), owner, 'waiting-requester');
		s.steps.push({ at: s.at, by: owner, body: { kind: 'note', text: `Called ${first(requester)} to ask ${question}; left a message.`, interaction: { type: 'phone-call', minutes: r.int(1, 5) } } });
		if (target === 'waiting-requester') return;
		s.note(r.int(60, 2880), requester.username, answer).move(r.int(30, 600), owner, 'in-progress');
	}
	let resolver = owner;
	if (specialist && specialist !== owner && (target === 'in-progress' ? r.chance(0.3) : r.chance(0.35))) {
		s.add(r.int(20, 300), owner, { kind: 'escalate', level: 2, to: specialist, reason: `${ESCALATION[p.area!]} Research so far: ${p.diag}` });
		s.note(r.int(60, 1440), specialist, SPECIALIST_WORK[p.area!]);
		resolver = specialist;
	}
	for (const wait of ['vendor', 'district'] as const) {
		const text = p[wait];
		if (!text || (target !== `waiting-${wait}` && !((target === 'resolved' || target === 'closed') && r.chance(0.3)))) continue;
		s.move(r.int(10, 240), owner, `waiting-${wait}`).explain(owner, text);
		if (target === `waiting-${wait}`) return;
		s.move(r.int(2, 9) * 1440, owner, 'in-progress').note(1, owner, wait === 'vendor' ? 'Part arrived from the vendor; installing it.' : 'Approval received from the district office; going ahead.');
	}
	if (target === 'in-progress') return;
	s.move(r.int(20, 600), resolver, 'resolved').explain(resolver, p.fix);
	if (target === 'resolved') return;
	if (r.chance(0.6)) s.note(r.int(60, 2880), requester.username, `Confirmed: all good in ${place(room)} now. Thank you!`).move(1, requester.username, 'closed');
	else s.move(r.int(3, 5) * 1440, owner, 'closed').explain(owner, 'No reply after three business days; closing. Reply here or reopen if the problem comes back.');
}

/** Keeps the story in the past: a story that would end after `now` moves earlier by whole weeks (same local hours, same weekdays). */
function fitBefore(plan: Plan, now: number): void {
	const end = plan.story.steps.at(-1)?.at ?? plan.createdAt;
	const late = end - (now - 5 * MIN);
	if (late <= 0) return;
	// Whole weeks of local time keep the office hours across a DST change; the extra hour covers the change itself.
	let weeks = Math.ceil((late + 60 * MIN) / (7 * DAY));
	while (office.onClosure(office.weeksEarlier(plan.createdAt, weeks)) && weeks < 10) weeks++;
	plan.createdAt = office.weeksEarlier(plan.createdAt, weeks);
	for (const step of plan.story.steps) step.at = office.weeksEarlier(step.at, weeks);
}

function buildTicket(plan: Plan, index: number, number: string, buildings: Map<string, Building>, now: number): Ticket {
	const { problem: p, requester, room, source } = plan;
	const id = (n: number | string) => `demo-${index}-${n}`;
	const desc = fill(p.desc, room);
	const description =
		source === 'phone' ? `${requester.name} called: ${desc}`
		: source === 'voicemail' ? `Voicemail from ${requester.name}, callback ${requester.phone}. ${desc}`
		: source === 'on-behalf' ? `Entering this for ${requester.name}. ${desc}`
		: desc;
	const staffFiled = source === 'phone' || source === 'voicemail';
	const created = newTicket({
		// Voicemail tickets are filed by the phone line itself, as it files them today.
		number, requester: requester.username, requesterName: requester.name, createdBy: source === 'voicemail' ? SYSTEM : plan.creator.username, source,
		title: fill(p.title, room), description, building: plan.building.code, room,
		contactPhone: requester.phone ?? '', contactEmail: requester.email ?? '',
		...(staffFiled ? { assignee: plan.owner, category: p.cat, priority: p.pri } : {})
	}, iso(plan.createdAt), id(0));
	let ticket = appendEntries(created, autoAssignEntries(created, buildings.get(created.building) ?? null, created.createdAt, id('auto')));
	const steps = [...plan.story.steps];
	const followUp = FOLLOW_UP[plan.status];
	for (let t = (steps.at(-1)?.at ?? plan.createdAt) + 7 * DAY; followUp && t < now - 60 * MIN; t += 7 * DAY) steps.push({ at: t, by: ticket.assignee ?? plan.owner, body: { kind: 'note', text: followUp } });
	ticket = appendEntries(ticket, steps.map((s, n) => ({ ...s.body, id: id(n + 1), at: iso(s.at), by: s.by }) as HistoryEntry));
	return ticket;
}

/** Builds the demo district deterministically from a seed; `now` anchors ticket dates. */
export function buildDemoDistrict(now: Date, seed = 42): DemoDistrict {
	const r = makeRng(seed);
	const t0 = now.getTime();
	const sla = demoSlaDocs(now);
	const people = buildPeople();
	const buildings = buildBuildings();
	const statuses = STATUS_PLAN.flatMap(([status, count, lo, hi]) => Array.from({ length: count }, () => ({ status, days: [lo, hi] as [number, number] })));
	const plans = statuses.map(({ status, days }) => {
		const plan = planTicket(status, days, t0, r, people, buildings);
		tell(plan, r);
		fitBefore(plan, t0);
		return plan;
	});
	plans.sort((a, b) => a.createdAt - b.createdAt);
	const byCode = new Map(buildings.map((b) => [b.code, b]));
	const device = deviceCode(0);
	const tickets = plans.map((plan, i) => buildTicket(plan, i, ticketNumber(device, i), byCode, t0));
	const categories = PROCEDURE_004_CATEGORIES.map(({ code, name, description }): Category => ({ _id: `category:${code}`, type: 'category', code, name, description, active: true }));
	const accounts = people.map(({ profile: p }) => ({ username: p.username, password: DEMO_PASSWORD, role: p.role, name: p.name, note: README_NOTES[p.username] ?? '' }));
	const kb = demoKb(now, COORDINATORS[0][0]);
	return { docs: [...buildings, ...categories, ...people.map((p) => p.profile), ...tickets, ...kb, ...sla, demoPhoneLine(now)], accounts };
}
