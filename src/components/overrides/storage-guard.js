/**
 * The storage guard (see ThemeProvider.astro): runs in <head>, before Starlight's theme script, as an
 * inline classic script. Plain JavaScript, minified at build time (src/security/inline-scripts.ts)
 * and allowed by the CSP through the hash of what the page gets.
 */
(() => {
	const sessionOnly = (stored) => {
		const written = new Map();
		const removed = new Set();
		const storedKeys = () => {
			const keys = [];
			try {
				for (let i = 0; stored && i < stored.length; i++) keys.push(stored.key(i));
			} catch {
				// Unreadable: nothing stored is visible.
			}
			return keys.filter((key) => !removed.has(key) && !written.has(key));
		};
		const keys = () => [...storedKeys(), ...written.keys()];
		return {
			get length() {
				return keys().length;
			},
			key: (index) => keys()[index] ?? null,
			getItem(key) {
				key = String(key);
				if (written.has(key)) return written.get(key);
				if (removed.has(key) || !stored) return null;
				try {
					return stored.getItem(key);
				} catch {
					return null;
				}
			},
			setItem(key, value) {
				removed.delete(String(key));
				written.set(String(key), String(value));
			},
			removeItem(key) {
				written.delete(String(key));
				removed.add(String(key));
			},
			clear() {
				for (const key of keys()) removed.add(key);
				written.clear();
			},
		};
	};
	for (const name of ['localStorage', 'sessionStorage']) {
		let stored = null;
		try {
			stored = window[name];
			stored.setItem('mp:probe', '1');
			stored.removeItem('mp:probe');
			continue;
		} catch {
			// Blocked (reading threw), missing, or full (the probe write threw).
		}
		try {
			Object.defineProperty(window, name, { value: sessionOnly(stored), configurable: true });
			document.documentElement.dataset.mpStorage = 'memory';
		} catch {
			// Not replaceable here: pages still render, only storage-backed features fail.
		}
	}
})();
