/**
 * Keeps a Map used as a cache within `capacity` by dropping its oldest tenth once it is over. Dropping one entry at
 * a time costs more and more: V8 leaves a hole for each deleted entry, and finding the oldest walks over them all.
 */
export function trimOldest<K, V>(map: Map<K, V>, capacity: number): void {
	if (map.size <= capacity) return;
	let drop = map.size - capacity + Math.ceil(capacity / 10);
	for (const key of map.keys()) {
		map.delete(key);
		if (--drop <= 0) break;
	}
}

/** The value remembered for `key`, computed and remembered (within `capacity`, see trimOldest) when there is none. */
export function remembered<K, V>(map: Map<K, V>, key: K, capacity: number, compute: (key: K) => V): V {
	if (map.has(key)) return map.get(key) as V;
	const value = compute(key);
	map.set(key, value);
	trimOldest(map, capacity);
	return value;
}
