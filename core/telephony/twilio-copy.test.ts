import { describe, expect, it } from 'vitest';
import { twilioCopyAction } from './twilio-copy';

describe('twilioCopyAction', () => {
	it.each([
		['waiting', 'waiting', 'keep'],
		['stored', 'waiting', 'keep'],
		['waiting', 'done', 'keep'],
		['failed', 'done', 'keep'],
		['failed', 'none', 'keep'],
		['stored', 'done', 'delete'],
		['stored', 'none', 'delete'],
		['expired', 'done', 'delete'],
		['expired', 'waiting', 'keep']
	] as const)('audio %s, transcript %s: %s', (audio, transcript, action) => {
		expect(twilioCopyAction({ audio, transcript })).toBe(action);
	});
});
