import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecrets, type SecretFinding } from './secrets';

const JWT =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98QzN3kVb\nq2vH8Yx0sT5u\n-----END RSA PRIVATE KEY-----';

/** Each positive example names the exact text that must be found and the kind it must be reported as. */
const positives: ReadonlyArray<readonly [string, string, SecretFinding['kind']]> = [
	['my password is Tiger$2024', 'Tiger$2024', 'password'],
	['password: hunter2', 'hunter2', 'password'],
	['pw: abc123!', 'abc123!', 'password'],
	['pwd=Secret99', 'Secret99', 'password'],
	['passcode 4471', '4471', 'pin'],
	['my pin is 4471', '4471', 'pin'],
	['My PIN is 4471.', '4471', 'pin'],
	['the login is jsmith / Spring2024!', 'Spring2024!', 'credential-pair'],
	['username jsmith password Welcome1', 'Welcome1', 'credential-pair'],
	['Username: jsmith\nPassword: Welcome1', 'Welcome1', 'credential-pair'],
	['login: mgarcia:Teach#42', 'Teach#42', 'credential-pair'],
	['new password = Fall#2025', 'Fall#2025', 'password'],
	['temp password Bl@ckBoard7', 'Bl@ckBoard7', 'password'],
	["my password's Summer2025", 'Summer2025', 'password'],
	['mi contraseña es Gato1234', 'Gato1234', 'password'],
	['la contraseña: Perro#77, gracias', 'Perro#77', 'password'],
	['the wifi key is GreenApple42', 'GreenApple42', 'password'],
	['Wi-Fi password: Staff-Net-2024', 'Staff-Net-2024', 'password'],
	['my password for PowerSchool is Tiger$2024', 'Tiger$2024', 'password'],
	['I changed my password to Maple!Leaf9 and now Gmail fails', 'Maple!Leaf9', 'password'],
	['her password is now Winter2026, please fix her email', 'Winter2026', 'password'],
	['the password is "purple monkey dishwasher"', 'purple monkey dishwasher', 'password'],
	['password: sunshine', 'sunshine', 'password'],
	['Password: 12345678', '12345678', 'password'],
	['door pin code: 9021', '9021', 'pin'],
	['voicemail passcode is 55821', '55821', 'pin'],
	['the key is AKIAIOSFODNN7EXAMPLE in the script', 'AKIAIOSFODNN7EXAMPLE', 'api-key'],
	['token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 leaked', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'token'],
	['slack bot xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'token'],
	[`the app sent ${JWT} back`, JWT, 'token'],
	[`Authorization: Bearer ${JWT}`, JWT, 'token'],
	['Authorization: Bearer 9f8e7d6c5b4a39281706abcdef', '9f8e7d6c5b4a39281706abcdef', 'token'],
	[`key file:\n${PEM}\nthanks`, PEM, 'private-key'],
	['the vendor gave us 4eC39HqLyjWDarjtT1zdp7dcXu9Zb2Qm for the sync', '4eC39HqLyjWDarjtT1zdp7dcXu9Zb2Qm', 'api-key'],
	['api key: sk_live_51HqLyjWDarjtT1zdp7dc', 'sk_live_51HqLyjWDarjtT1zdp7dc', 'api-key'],
	['api_key=Zx9QwErTy1', 'Zx9QwErTy1', 'api-key'],
	['client secret is Qm7-xR2_vL9', 'Qm7-xR2_vL9', 'api-key'],
	['access token: 7hG2kLp9Qz', '7hG2kLp9Qz', 'token'],
	["user jdoe and password 'Cardinals#1'", 'Cardinals#1', 'credential-pair'],
	// Ways people (and the tester) got past the guard before the text was folded.
	['pass: Spring2024', 'Spring2024', 'password'],
	['my pass is Tiger$2024', 'Tiger$2024', 'password'],
	['Password\nTiger$2024', 'Tiger$2024', 'password'],
	['Password:\n\nsunshine', 'sunshine', 'password'],
	['Wi-Fi password\nLakeside#2026\nthanks!', 'Lakeside#2026', 'password'],
	['P a s s w o r d: Tiger$2024', 'Tiger$2024', 'password'],
	['p-a-s-s-w-o-r-d = Tiger$2024', 'Tiger$2024', 'password'],
	['my P A S S W O R D is Tiger$2024', 'Tiger$2024', 'password'],
	['P\u0430ssword: Tiger$2024', 'Tiger$2024', 'password'],
	['\u0420\u0430ssword is Tiger$2024', 'Tiger$2024', 'password'],
	['\u03a1\u03b1ss\u200Cword: Tiger$2024', 'Tiger$2024', 'password'],
	['pass\u200Bword: Tiger$2024', 'Tiger$2024', 'password'],
	['pass\u00ADword is Tiger$2024', 'Tiger$2024', 'password'],
	['pa\u200Dss\u2060word: Tiger$2024', 'Tiger$2024', 'password'],
	['ｐａｓｓｗｏｒｄ：Tiger$2024', 'Tiger$2024', 'password'],
	['password: Tig\u200Ber$2024', 'Tig\u200Ber$2024', 'password'],
	['mot de passe: Soleil2024', 'Soleil2024', 'password'],
	['mon mot de passe est Soleil#24', 'Soleil#24', 'password'],
	['Kennwort: Hund#1234', 'Hund#1234', 'password'],
	['mein Passwort ist Sommer2025', 'Sommer2025', 'password'],
	['user: jsmith / pass: Spring2024', 'Spring2024', 'credential-pair'],
	['user / pass: jsmith / Spring2024', 'Spring2024', 'credential-pair'],
	['jsmith / Spring2024 (user / pass)', 'Spring2024', 'credential-pair'],
	['Login: jsmith pass: Spring2024', 'Spring2024', 'password'],
	['Wi-Fi password is Lakeside#2026', 'Lakeside#2026', 'password'],
	['Mot-de-passe: Soleil2024', 'Soleil2024', 'password'],
	['mijn wachtwoord is Fiets#2024', 'Fiets#2024', 'password'],
	['Pass word: Tiger$2024', 'Tiger$2024', 'password'],
	['password\u00A0:\u00A0Tiger$2024', 'Tiger$2024', 'password'],
	['password:\r\n\r\nTiger$2024', 'Tiger$2024', 'password']
];

const negatives: readonly string[] = [
	'please reset my password',
	'I forgot my password',
	'password reset is not working',
	'my password expired this morning',
	'the password field is greyed out',
	"I can't remember my password for PowerSchool",
	'password is not working',
	'my password is expired',
	'the password is wrong',
	'password was changed yesterday',
	'I need a new password',
	'it says password incorrect',
	'the wifi password changed?',
	'my password is still not working after the reset',
	'the password is the same as before',
	'the password is blank when I log in',
	'password is too short apparently',
	'the password is correct, I checked twice',
	'the password is fine but Canvas says locked',
	'password is missing from the sign-in sheet',
	'the password is case-sensitive, right?',
	'the password is required on every Chromebook',
	'my password is being reset by the district',
	'password must be 8 characters',
	'the password is 12 characters long',
	'Password: required',
	'Password:\nThanks, Maria',
	'my PIN was locked after 3 tries',
	'the pin on the HDMI cable is bent',
	'la contraseña no funciona',
	'the wifi key is on the sticker',
	'the login is not working in room 214',
	'login is slow, takes forever',
	'the token expired again',
	'see ticket K7M-4QX from last week',
	'call me at 555-867-5309 or (555) 123-4567',
	'asset tag CB-004512 in room 114',
	'serial 5CD1234XYZ, HP LaserJet Pro M404dn',
	'Windows 11 update failed on 3/14/2025 and again 2025-03-15',
	'printer IP is 10.20.30.40, MAC 00:1A:2B:3C:4D:5E',
	'the form is at https://docs.google.com/document/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit',
	'email jsmith@springfield.k12.us about it',
	'device id 3F2504E0-4F89-11D3-9A0C-0305E82C3301 shows in Intune',
	'the path is C:\\Users\\jsmith\\AppData\\Local\\Microsoft\\Teams\\current',
	'my password changed on 9/15 and Clever still asks for the old one',
	'password was reset to expire in 90 days',
	// Words that contain or sound like a label, and text the folding must not turn into one.
	'I passed the test',
	'can you pass the ball to the gym teacher',
	'please pass this to the district office',
	'bypass the proxy for the testing site',
	'my passport photo will not upload',
	'the compass app crashes on the iPad',
	'the password reset page is broken',
	'my pass is expired',
	'the hall pass is on the desk',
	'I need a pass: the gym is locked',
	'Kennwort vergessen',
	'mot de passe oublié',
	'user / pass prompt keeps coming back',
	'Can you reset my password\nB12 projector is broken too',
	'Subject: password\nRoom 214 Chromebook',
	'Password\nreset does not work since Monday',
	'choose A B C D on the form',
	'Пароль не работает, помогите',
	'Ο εκτυπωτής δεν λειτουργεί',
	'the café\u200B menu printer is jammed',
	'Pass: 2nd floor, by the gym',
	'hall pass: Blue',
	'my password is the 3rd one on the list'
];

describe('findSecrets', () => {
	it.each(positives)('finds the secret in %j', (text, secret, kind) => {
		const found = findSecrets(text);
		expect(found.map((f) => [text.slice(f.start, f.end), f.kind])).toContainEqual([secret, kind]);
	});

	it.each(negatives)('leaves ordinary helpdesk text alone: %j', (text) => {
		expect(findSecrets(text)).toEqual([]);
	});

	it('points start and end at the secret value, not at the words before it', () => {
		const text = 'Hi, my password is Tiger$2024 and it stopped working.';
		const [f] = findSecrets(text);
		expect(f).toMatchObject({ start: 19, end: 29, kind: 'password' });
	});

	it('leaves sentence punctuation outside the highlighted value', () => {
		const text = 'pwd=Secret99. Thanks!';
		const [f] = findSecrets(text);
		expect(f && text.slice(f.start, f.end)).toBe('Secret99');
	});

	it('highlights only the inside of a quoted password', () => {
		const text = 'password is "blue Horse!" now';
		const [f] = findSecrets(text);
		expect(f && text.slice(f.start, f.end)).toBe('blue Horse!');
	});

	it('reports every secret in a message, in reading order', () => {
		const text = 'pw: abc123! and my pin is 4471';
		expect(findSecrets(text).map((f) => f.kind)).toEqual(['password', 'pin']);
	});

	it('explains each finding in a plain sentence a secretary understands', () => {
		const [f] = findSecrets('my password is Tiger$2024');
		expect(f?.reason).toBe(
			'This looks like a password. Never put a password in a ticket: the technician will reset it with you.'
		);
		for (const [text] of positives) {
			for (const g of findSecrets(text)) expect(g.reason).toMatch(/^This looks like .+\. Never put .+\.$/);
		}
	});

	it('points into the original text when invisible or look-alike characters were folded away', () => {
		const text = 'Hi\u200B, my pass\u200Bword is T\u0456ger$2024 and it stopped working.';
		const [f] = findSecrets(text);
		expect(f && text.slice(f.start, f.end)).toBe('T\u0456ger$2024');
	});

	it('points past a spelled-out label at the value', () => {
		const text = 'P a s s w o r d: Tiger$2024, thanks';
		const [f] = findSecrets(text);
		expect(f).toMatchObject({ start: 17, end: 27 });
	});

	it('finds nothing in an empty message', () => {
		expect(findSecrets('')).toEqual([]);
	});

	// A text with no label is only searched when it holds a run of 32 characters without a space: the run is looked for
	// where it can start (the text's start, after any kind of space), so every such place is tried here.
	const KEY = '4eC39HqLyjWDarjtT1zdp7dcXu9Zb2Qm';
	it.each([
		['the key alone', KEY, 0, 32],
		['the key after a space', `sync ${KEY}`, 5, 37],
		['the key after a line break', `sync\n${KEY}`, 5, 37],
		['the key after a tab', `sync\t${KEY}`, 5, 37],
		['the key after a no-break space', `sync\u00A0${KEY}`, 5, 37],
		['the key after three spaces', `sync   ${KEY}`, 7, 39],
		['the key in brackets', `sync (${KEY})`, 6, 38],
		['the key run on from a word, taken whole', `id=${KEY}`, 0, 35]
	])('finds a random-looking key with no label: %s', (_, text, start, end) => {
		expect(findSecrets(text)).toMatchObject([{ start, end, kind: 'api-key' }]);
	});

	it('leaves a run one character too short for a key alone', () => {
		expect(findSecrets(`sync ${KEY.slice(1)}`)).toEqual([]);
	});
});

describe('redactSecrets', () => {
	it('removes the password and keeps the rest of the sentence', () => {
		expect(redactSecrets('Hi, my password is Tiger$2024 and it stopped working.')).toBe(
			'Hi, my password is [password removed] and it stopped working.'
		);
	});

	it('masks a PIN and a login password in the same message', () => {
		expect(redactSecrets('my pin is 4471, the login is jsmith / Spring2024!')).toBe(
			'my pin is [PIN removed], the login is jsmith / [password removed]'
		);
	});

	it('masks keys and tokens with their own label', () => {
		expect(redactSecrets(`AWS AKIAIOSFODNN7EXAMPLE and ${JWT}`)).toBe('AWS [key removed] and [token removed]');
		expect(redactSecrets(`before\n${PEM}\nafter`)).toBe('before\n[private key removed]\nafter');
	});

	it('never leaves a positive example secret in the redacted text', () => {
		for (const [text, secret] of positives) expect(redactSecrets(text)).not.toContain(secret);
	});

	it('masks the whole secret, with the invisible characters inside it', () => {
		expect(redactSecrets('password: Tig\u200Ber$2024 ok')).toBe('password: [password removed] ok');
	});

	it('returns ordinary helpdesk text unchanged', () => {
		for (const text of negatives) expect(redactSecrets(text)).toBe(text);
	});
});
