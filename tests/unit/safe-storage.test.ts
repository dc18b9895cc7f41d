import { describe, expect, it } from 'vitest';
import { $storageStatus, createSafeStorage } from '../../src/stores/safe-storage.ts';

function fakeStorage(options: { quota?: number; throwOnAccess?: boolean } = {}) {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (key: string) => data.get(key) ?? null,
		setItem(key: string, value: string) {
			const size = [...data.values()].reduce((sum, v) => sum + v.length, 0) + value.length;
			if (options.quota !== undefined && size > options.quota) throw new DOMException('full', 'QuotaExceededError');
			data.set(key, value);
		},
		removeItem: (key: string) => void data.delete(key),
	};
}

describe('createSafeStorage', () => {
	it('reads and writes through to a working localStorage', () => {
		const backend = fakeStorage();
		backend.data.set('k', 'stored');
		const storage = createSafeStorage(() => backend);
		expect('k' in storage).toBe(true);
		expect(storage['k']).toBe('stored');
		storage['k'] = 'new';
		expect(backend.data.get('k')).toBe('new');
		delete storage['k'];
		expect(backend.data.has('k')).toBe(false);
		expect($storageStatus.get()).toBe('ok');
	});

	it('keeps working in memory when localStorage throws on access', () => {
		const storage = createSafeStorage(() => {
			throw new DOMException('denied', 'SecurityError');
		});
		expect($storageStatus.get()).toBe('unavailable');
		storage['k'] = 'session only';
		expect(storage['k']).toBe('session only');
		expect('missing' in storage).toBe(false);
	});

	it('reports a full quota and keeps the value for the session', () => {
		const backend = fakeStorage({ quota: 20 });
		$storageStatus.set('ok');
		const storage = createSafeStorage(() => backend);
		storage['k'] = 'x'.repeat(100);
		expect($storageStatus.get()).toBe('full');
		expect(storage['k']).toBe('x'.repeat(100));
		expect(backend.data.has('k')).toBe(false);
	});
});

describe('createSafeStorage and other tabs', () => {
	it('sees a value another tab wrote after our own read', () => {
		const backend = fakeStorage();
		const storage = createSafeStorage(() => backend);
		storage['k'] = 'ours';
		backend.data.set('k', 'other tab');
		expect(storage['k']).toBe('other tab');
	});
});
