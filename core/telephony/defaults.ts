import { PHONE_LINE_ID, type PhoneLineDoc, type Prompts } from './docs';

/** The demo district's words, in English and Spanish; an administrator edits them in the app. */
export const DEFAULT_PROMPTS: { en: Prompts; es: Prompts } = {
	en: {
		greeting: 'Thank you for calling the Lakeside Unified School District technology help desk.',
		menu: 'Press 1 for the help desk, 2 to leave a message, 9 for an emergency. If you know your party’s extension, dial it at any time.',
		closed: 'The help desk is closed now. We open {opens}.',
		closedMenu: 'Press 2 to leave a message, or 9 for an emergency.',
		switchLanguage: 'Para español, oprima 8.',
		connecting: 'Please hold while we connect you.',
		whisper: 'Help desk call from {name}. Press 1 to accept.',
		voicemail:
			'Please leave your name, your school, a number where we can call you back, and the problem, after the tone. Press the pound key when you are done.',
		personVoicemail: '{name} is not available. Please leave a message after the tone, with your name, your school and a call-back number.',
		emergency: 'Connecting you to the technology staff on call.',
		emergencyVoicemail:
			'Nobody on call could answer. Leave a message after the tone with your name, your school, a call-back number and the emergency; every person on call is alerted at once.',
		ticketNumber: 'Thank you. Your message is saved as ticket number {number}',
		invalid: 'Sorry, that is not an option.',
		goodbye: 'Goodbye.',
		apology: 'Sorry, something went wrong on our side. Please leave a message and we will call you back.'
	},
	es: {
		greeting: 'Gracias por llamar a la mesa de ayuda de tecnología del distrito escolar Lakeside Unified.',
		menu: 'Para la mesa de ayuda, oprima 1. Para dejar un mensaje, oprima 2. Para una emergencia, oprima 9. Si sabe la extensión de la persona, márquela en cualquier momento.',
		closed: 'La mesa de ayuda está cerrada ahora. Abrimos {opens}.',
		closedMenu: 'Para dejar un mensaje, oprima 2. Para una emergencia, oprima 9.',
		switchLanguage: 'For English, press 8.',
		connecting: 'Por favor espere mientras le comunicamos.',
		whisper: 'Llamada en español de {name} a la mesa de ayuda. Para aceptar, oprima 1.',
		voicemail:
			'Después del tono, deje su nombre, su escuela, un número para devolverle la llamada y el problema. Oprima la tecla de número cuando termine.',
		personVoicemail: '{name} no está disponible. Deje un mensaje después del tono, con su nombre, su escuela y un número para devolverle la llamada.',
		emergency: 'Le comunicamos con el personal de tecnología de guardia.',
		emergencyVoicemail:
			'Nadie de guardia pudo contestar. Después del tono, deje su nombre, su escuela, un número para devolverle la llamada y la emergencia; se avisará a todo el personal de guardia a la vez.',
		ticketNumber: 'Gracias. Su mensaje quedó guardado con el número de caso {number}',
		invalid: 'Lo sentimos, esa opción no existe.',
		goodbye: 'Adiós.',
		apology: 'Lo sentimos, algo falló de nuestro lado. Por favor deje un mensaje y le devolveremos la llamada.'
	}
};

/** Who the line rings and where unknown callers' tickets go: what a district sets before the line is useful. */
export interface PhoneLineStaff {
	helpdesk: string[];
	onCall: string[];
	defaultBuilding: string;
}

/** The phone line a new district starts with: the demo menu and words, the defaults for ringing, recording and keeping audio. */
export function defaultPhoneLine(now: Date, staff: PhoneLineStaff): PhoneLineDoc {
	return {
		_id: PHONE_LINE_ID,
		type: 'phone-line',
		prompts: DEFAULT_PROMPTS,
		helpdesk: staff.helpdesk,
		onCall: staff.onCall,
		defaultBuilding: staff.defaultBuilding,
		ringSeconds: 20,
		maxRecordingSeconds: 120,
		audioRetentionDays: 90,
		transcriptWaitMinutes: 10,
		updatedAt: now.toISOString()
	};
}
