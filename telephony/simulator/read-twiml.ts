import type { Language } from '../../core/telephony/docs';
import type { DialTarget, Pause, Say, Twiml, Verb } from '../../core/telephony/twiml';
import { parseXml, type XmlElement } from './xml';

/** The verbs' URLs here are as Twilio would see them: absolute (PUBLIC_URL and the path), or relative to the request's. */
export class TwimlError extends Error {}

const language = (attribute: string | undefined): Language => (attribute?.toLowerCase().startsWith('es') ? 'es' : 'en');
const seconds = (attribute: string | undefined, fallback: number) => {
	const n = Number(attribute);
	return attribute !== undefined && Number.isFinite(n) ? n : fallback;
};

function required(element: XmlElement, name: string): string {
	const value = element.attributes[name];
	if (value === undefined || value === '') throw new TwimlError(`<${element.name}> has no ${name}: the simulator cannot go on from it.`);
	return value;
}

function sayOrPause(element: XmlElement): Say | Pause {
	if (element.name === 'Say') return { verb: 'say', text: element.text.trim(), language: language(element.attributes.language) };
	if (element.name === 'Pause') return { verb: 'pause', seconds: seconds(element.attributes.length, 1) };
	throw new TwimlError(`<${element.name}> inside <Gather> is not a verb the line uses (only <Say> and <Pause>).`);
}

function dialTarget(element: XmlElement): DialTarget {
	const text = element.text.trim();
	if (element.name === 'Number') return { kind: 'number', e164: text };
	if (element.name === 'Client') return { kind: 'client', identity: text };
	if (element.name === 'Sip') return { kind: 'sip', uri: text };
	throw new TwimlError(`<${element.name}> inside <Dial> is not a target the line uses (<Number>, <Client>, <Sip>).`);
}

function verb(element: XmlElement): Verb {
	const a = element.attributes;
	switch (element.name) {
		case 'Say':
		case 'Pause':
			return sayOrPause(element);
		case 'Gather':
			return {
				verb: 'gather',
				action: required(element, 'action'),
				...(a.numDigits ? { numDigits: seconds(a.numDigits, 1) } : {}),
				...(a.finishOnKey !== undefined ? { finishOnKey: a.finishOnKey } : {}),
				timeoutSeconds: seconds(a.timeout, 5),
				prompts: element.children.map(sayOrPause)
			};
		case 'Dial': {
			const targets = element.children.map(dialTarget);
			if (!targets.length && element.text.trim()) targets.push({ kind: 'number', e164: element.text.trim() });
			const whisper = element.children.find((child) => child.attributes.url)?.attributes.url ?? null;
			return {
				verb: 'dial',
				action: required(element, 'action'),
				timeoutSeconds: seconds(a.timeout, 30),
				targets,
				whisperUrl: whisper,
				...(a.callerId ? { callerId: a.callerId } : {})
			};
		}
		case 'Record':
			return {
				verb: 'record',
				action: required(element, 'action'),
				maxLengthSeconds: seconds(a.maxLength, 3600),
				recordingStatusCallback: a.recordingStatusCallback ?? '',
				transcribeCallback: a.transcribeCallback ?? '',
				finishOnKey: a.finishOnKey ?? '1234567890*#'
			};
		case 'Redirect':
			if (!element.text.trim()) throw new TwimlError('<Redirect> names no URL.');
			return { verb: 'redirect', url: element.text.trim() };
		case 'Hangup':
			return { verb: 'hangup' };
		default:
			throw new TwimlError(`<${element.name}> is not a verb the line uses; the simulator stops here.`);
	}
}

/** Reads a TwiML answer into the verbs of core/telephony/twiml.ts (the simulator walks those). */
export function readTwiml(xml: string): Twiml {
	let root: XmlElement;
	try {
		root = parseXml(xml);
	} catch (error) {
		throw new TwimlError(error instanceof Error ? error.message : String(error));
	}
	if (root.name !== 'Response') throw new TwimlError(`The answer's root is <${root.name}>, not <Response>: it is not TwiML.`);
	return root.children.map(verb);
}
