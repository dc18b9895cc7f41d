/** Memoises a pure function of a string (parsers): at most `size` results, then the cache starts over. */
export function memo<T>(compute: (key: string) => T, size = 256): (key: string) => T {
	const cache = new Map<string, T>();
	return (key) => {
		let value = cache.get(key);
		if (value === undefined) {
			value = compute(key);
			if (cache.size >= size) cache.clear();
			cache.set(key, value);
		}
		return value;
	};
}
