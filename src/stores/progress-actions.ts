/** The progress page's changes to `$progress` (see progress.ts): the learner's name, import and reset. */
import { $progress, $progressNotice } from './progress.ts';
import { emptyProgress, type Progress } from './progress-codec.ts';

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
