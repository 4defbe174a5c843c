/** A history entry id that no other device can produce: the device code, the time and a random part. */
export function entryId(deviceCode: string, now: number): string {
	return `${deviceCode}-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
}
