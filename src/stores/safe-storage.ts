/**
 * localStorage that never throws. Safari's private mode, disabled storage, sandboxed iframes and
 * full quotas all make `localStorage` throw on access or on write; the page must keep working for
 * the session and say that progress won't be saved. Reads and writes go to localStorage when it
 * works and to an in-memory copy always, so the session's state is never lost.
 */
import { atom } from 'nanostores';

/** `ok`: saved in the browser. `unavailable`: no storage at all. `full`: a write was refused. */
export type StorageStatus = 'ok' | 'unavailable' | 'full';

export const $storageStatus = atom<StorageStatus>('ok');

type Backend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function probeBackend(getBackend: () => Backend | undefined): Backend | undefined {
	try {
		const backend = getBackend();
		if (!backend) return undefined;
		const probe = 'mp:probe';
		backend.setItem(probe, probe);
		backend.removeItem(probe);
		return backend;
	} catch {
		return undefined;
	}
}

/**
 * An object with the property-style API `@nanostores/persistent` uses (`name in s`, `s[name]`,
 * `s[name] = v`, `delete s[name]`), backed by a guarded Storage plus a memory copy.
 */
export function createSafeStorage(getBackend: () => Backend | undefined): Record<string, string> {
	const backend = probeBackend(getBackend);
	if (!backend) $storageStatus.set('unavailable');
	const memory = new Map<string, string>();
	/** Keys whose latest value only the memory copy has (the backend refused the write). */
	const unsaved = new Set<string>();

	// The backend is read first so that writes from other tabs are seen; memory answers when the
	// backend is missing, throws, or is behind because it refused our last write.
	const read = (key: string): string | undefined => {
		if (backend && !unsaved.has(key)) {
			try {
				const value = backend.getItem(key);
				if (value === null) memory.delete(key);
				else memory.set(key, value);
				return value ?? undefined;
			} catch {
				// fall through to the memory copy
			}
		}
		return memory.get(key);
	};

	return new Proxy({} as Record<string, string>, {
		get: (_target, key) => (typeof key === 'string' ? read(key) : undefined),
		has: (_target, key) => typeof key === 'string' && read(key) !== undefined,
		set(_target, key, value) {
			if (typeof key !== 'string') return true;
			memory.set(key, String(value));
			if (backend) {
				try {
					backend.setItem(key, String(value));
					unsaved.delete(key);
					if ($storageStatus.get() === 'full') $storageStatus.set('ok');
				} catch {
					unsaved.add(key);
					$storageStatus.set('full');
				}
			}
			return true;
		},
		deleteProperty(_target, key) {
			if (typeof key !== 'string') return true;
			memory.delete(key);
			unsaved.delete(key);
			try {
				backend?.removeItem(key);
			} catch {
				// Removing cannot fail in a way that matters: the memory copy is gone.
			}
			return true;
		},
	});
}
