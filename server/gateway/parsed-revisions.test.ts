import { describe, expect, it } from 'vitest';
import { newTicket } from '../../core/ticket';
import { ReplicatedDoc } from '../../core/schemas';
import { parseStored, rememberWritten } from './parsed-revisions';

const ticket = (rev: string | undefined, title: string) => ({
	...newTicket(
		{ number: 'QRS-223', requester: 'ann', requesterName: 'Ann', createdBy: 'ann', source: 'web', title, description: 'It jams.', building: 'north' },
		'2026-11-02T08:00:00.000Z',
		'QRS-223-c'
	),
	...(rev ? { _rev: rev } : {})
});

describe('parsing documents read from the store once per revision', () => {
	it('parses a stored revision once: another read of it gets the same parsed document', () => {
		const first = parseStored(ticket('1-aaa', 'Printer jams'));
		expect(first).toMatchObject({ type: 'ticket', title: 'Printer jams' });
		expect(parseStored(ticket('1-aaa', 'Printer jams'))).toBe(first);
	});

	it('parses each new revision of a document', () => {
		expect(parseStored(ticket('1-bbb', 'Printer jams'))).toMatchObject({ title: 'Printer jams' });
		expect(parseStored(ticket('2-ccc', 'Printer jams on page two'))).toMatchObject({ title: 'Printer jams on page two' });
	});

	it('answers null for a stored document that does not parse, every time', () => {
		const broken = { _id: 'ticket:QRS-224', _rev: '1-ddd', type: 'ticket', title: 42 };
		expect(parseStored(broken)).toBeNull();
		expect(parseStored({ ...broken })).toBeNull();
	});

	it('keeps nothing for a read that brought attachment bodies (megabytes each)', () => {
		const withPhoto = { ...ticket('1-eee', 'Cracked screen'), _attachments: { 'photo.png': { content_type: 'image/png', data: 'iVBORw0KGgo=' } } };
		const first = parseStored(withPhoto);
		expect(first).toMatchObject({ title: 'Cracked screen' });
		expect(parseStored(withPhoto)).not.toBe(first);
	});

	it('keeps nothing for a document without a revision', () => {
		const first = parseStored(ticket(undefined, 'Projector'));
		const second = parseStored(ticket(undefined, 'Projector'));
		expect(first).toMatchObject({ title: 'Projector' });
		expect(second).toEqual(first);
		expect(second).not.toBe(first);
	});

	it('hands out the parse of a revision the gateway wrote when it is read back, without parsing it again', () => {
		const written = ReplicatedDoc.parse(ticket('1-fff', 'Scanner'));
		rememberWritten(written);
		expect(parseStored(ticket('1-fff', 'Scanner'))).toBe(written);
	});

	it('keeps the first parse of a revision: a later write under the same revision changes nothing', () => {
		const first = parseStored(ticket('1-ggg', 'Laptop'));
		rememberWritten(ReplicatedDoc.parse(ticket('1-ggg', 'Something else')));
		expect(parseStored(ticket('1-ggg', 'Laptop'))).toBe(first);
		expect(first).toMatchObject({ title: 'Laptop' });
	});

	it('remembers nothing for a written revision with attachments (the store rewrites their stubs)', () => {
		const withStub = { ...ticket('1-hhh', 'Webcam'), _attachments: { 'a.png': { content_type: 'image/png', digest: 'md5-x', length: 3, stub: true } } };
		const written = ReplicatedDoc.parse(withStub);
		rememberWritten(written);
		expect(parseStored(withStub)).not.toBe(written);
	});
});
