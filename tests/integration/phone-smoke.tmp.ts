import { startPhoneDistrict } from '../support/phone-calls';
import { describeCallEvent } from '../../core/telephony/call-event-text';
const d = await startPhoneDistrict();
try {
	const r = await d.call({ from: '(303) 555-0111', digits: ['2'], say: 'The projector in room 12 is dead.' });
	for (const e of r.events) console.log(e.at, JSON.stringify(describeCallEvent(e)));
	console.log(r.callSid, r.recordingSid);
	console.log(d.server.output().slice(-3000));
} finally { await d.dispose(); }
