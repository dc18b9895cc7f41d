/**
 * `$progress`: every quiz answer and lab level, saved in the browser under a versioned key and
 * synced across open tabs. Components subscribe; all changes go through actions: the lab's below,
 * the quizzes' in quiz-actions.ts and the progress page's in progress-actions.ts (modules of their
 * own, so that a page loads the actions it uses; every page loads this store).
 */
import { atom } from 'nanostores';
import { persistentAtom, setPersistentEngine, windowPersistentEvents } from '@nanostores/persistent';
import { $storageStatus, createSafeStorage } from './safe-storage.ts';
import { decodeProgressJson, emptyProgress, encodeProgressJson, type DecodeProblem, type Progress } from './progress-codec.ts';

export const PROGRESS_KEY = 'mp:v1:progress';

/** Set once when stored progress could not be read and the learner starts clean. */
export const $progressNotice = atom<DecodeProblem | undefined>(undefined);

if (typeof window !== 'undefined') {
	setPersistentEngine(
		createSafeStorage(() => window.localStorage),
		windowPersistentEvents,
	);
	// The page's storage guard (the ThemeProvider override) found storage unusable and put a
	// session-only stand-in in its place: writes "work" but are not saved.
	if (typeof document !== 'undefined' && document.documentElement.dataset['mpStorage'] === 'memory') $storageStatus.set('unavailable');
}

export const $progress = persistentAtom<Progress>(PROGRESS_KEY, emptyProgress(), {
	encode: encodeProgressJson,
	decode(text) {
		const decoded = decodeProgressJson(text);
		if (decoded.ok) return decoded.value;
		$progressNotice.set(decoded.problem);
		return emptyProgress();
	},
});

/** The record for a question, only if it was answered in its current wording. */
export function questionRecord(progress: Progress, id: string, hash: string) {
	const record = progress.questions[id];
	return record && record.hash === hash ? record : undefined;
}

export function recordLevelSolved(levelId: string, commandCount: number): void {
	const progress = $progress.get();
	const best = Math.min(progress.levels[levelId]?.best ?? Number.POSITIVE_INFINITY, Math.max(1, Math.floor(commandCount)));
	$progress.set({ ...progress, levels: { ...progress.levels, [levelId]: { best } } });
}
