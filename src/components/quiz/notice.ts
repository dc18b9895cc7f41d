/** The saved-progress notice, shared by the quiz and progress elements (the sidebar does not need it). */
import { $progressNotice } from '../../stores/progress.ts';
import { $storageStatus } from '../../stores/safe-storage.ts';

/**
 * Shows, once per page, why progress is not what the learner expects: stored data could not be read
 * (the store started clean), or storage is unavailable or full (progress lasts for this visit only).
 * Keeps listening: storage can fill up later.
 */
export function showNotice(root: HTMLElement, text: Record<string, string>): void {
	const box = root.querySelector<HTMLElement>('[data-notice]');
	if (!box) return;
	const corrupt = $progressNotice.get() !== undefined;
	$storageStatus.subscribe((status) => {
		const message = corrupt ? text['quiz.notice.corrupt'] : status !== 'ok' ? text[`quiz.storage.${status}`] : undefined;
		if (!message) return;
		box.textContent = message;
		box.hidden = false;
	});
}
