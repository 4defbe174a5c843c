import { describe, expect, it } from 'vitest';
import { SimulatedMedia } from './simulated-media';

const sid = (n: number) => `RE${n.toString(16).padStart(32, '0')}`;
const bytes = new Uint8Array([82, 73, 70, 70]);

describe('SimulatedMedia', () => {
	it('keeps at most 20 recordings, dropping the oldest', () => {
		const media = new SimulatedMedia(() => 0);
		for (let n = 1; n <= 21; n++) media.put(sid(n), bytes);
		expect(media.get(sid(1))).toBeUndefined();
		expect(media.get(sid(2))?.bytes).toEqual(bytes);
		expect(media.get(sid(21))?.contentType).toBe('audio/wav');
	});

	it('drops a recording nobody fetched within an hour, when the next one comes', () => {
		let now = 0;
		const media = new SimulatedMedia(() => now);
		media.put(sid(1), bytes);
		now = 60 * 60_000 + 1;
		media.put(sid(2), bytes, 'audio/mpeg');
		expect(media.get(sid(1))).toBeUndefined();
		expect(media.get(sid(2))?.contentType).toBe('audio/mpeg');
	});
});
