/**
 * `$progress`: every quiz answer and lab level, saved in the browser under a versioned key and
 * synced across open tabs. Components subscribe; all changes go through the actions below.
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

export function recordAnswer(id: string, hash: string, correct: boolean): void {
	const progress = $progress.get();
	const previous = questionRecord(progress, id, hash);
	$progress.set({
		...progress,
		questions: {
			...progress.questions,
			[id]: { hash, attempts: (previous?.attempts ?? 0) + 1, correct, revealed: previous?.revealed ?? false },
		},
	});
}

/** Marks questions as revealed ("show answers"), which ends retries for them. */
export function recordReveal(questions: readonly { id: string; hash: string }[]): void {
	const progress = $progress.get();
	const next = { ...progress.questions };
	for (const { id, hash } of questions) {
		const previous = questionRecord(progress, id, hash);
		next[id] = { hash, attempts: previous?.attempts ?? 0, correct: previous?.correct ?? false, revealed: true };
	}
	$progress.set({ ...progress, questions: next });
}

/** Forgets the answers of some questions (a quiz's "start over"). */
export function forgetQuestions(ids: readonly string[]): void {
	const progress = $progress.get();
	const next = { ...progress.questions };
	for (const id of ids) delete next[id];
	$progress.set({ ...progress, questions: next });
}

export function recordLevelSolved(levelId: string, commandCount: number): void {
	const progress = $progress.get();
	const best = Math.min(progress.levels[levelId]?.best ?? Number.POSITIVE_INFINITY, Math.max(1, Math.floor(commandCount)));
	$progress.set({ ...progress, levels: { ...progress.levels, [levelId]: { best } } });
}

export function setLearnerName(name: string): void {
	const progress = $progress.get();
	const trimmed = name.trim().slice(0, 80);
	const { name: _old, ...rest } = progress;
	$progress.set(trimmed ? { ...rest, name: trimmed } : rest);
}

/** Replaces all progress (import). The caller decoded and validated it. */
export function replaceProgress(progress: Progress): void {
	$progress.set(progress);
	$progressNotice.set(undefined);
}

export function resetProgress(): void {
	$progress.set(emptyProgress());
	$progressNotice.set(undefined);
}
