/**
 * `$learnerId`: a random id made once per browser and kept in localStorage (through the same safe
 * storage as `$progress`). It only seeds the per-learner option order; it never leaves the browser.
 * Without storage a fresh id lives for the session, so the order is still stable while the page is open.
 */
import { persistentAtom } from '@nanostores/persistent';
import './progress.ts';

export const LEARNER_KEY = 'mp:v1:learner';

function randomId(): string {
	try {
		const bytes = crypto.getRandomValues(new Uint8Array(8));
		return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
	} catch {
		return Math.random().toString(16).slice(2, 18).padEnd(16, '0');
	}
}

const VALID = /^[0-9a-f]{16}$/;

export const $learnerId = persistentAtom<string>(LEARNER_KEY, '', {
	encode: (value) => value,
	decode: (text) => (VALID.test(text) ? text : ''),
});

/** The learner's id, made and saved on first use. */
export function learnerId(): string {
	let id = $learnerId.get();
	if (!VALID.test(id)) {
		id = randomId();
		$learnerId.set(id);
	}
	return id;
}
