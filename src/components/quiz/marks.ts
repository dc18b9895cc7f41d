/**
 * Sidebar markers for finished chapters: a ✓ after the chapter's sidebar link, with visually hidden
 * text for screen readers. The mark is positioned in the link's padding, so nothing moves when it
 * appears. A chapter is finished when every question of its quiz is right in its current wording.
 */
import { questionRecord } from '../../stores/progress.ts';
import type { Progress } from '../../stores/progress-codec.ts';

/** `{ chapter: [[key, hash], …] }`, rendered into `data-catalog` by the sidebar override. */
export type Catalog = Record<string, [string, string][]>;

export function finishedChapters(progress: Progress, catalog: Catalog): Set<string> {
	const done = new Set<string>();
	for (const [chapter, questions] of Object.entries(catalog)) {
		if (questions.length && questions.every(([key, hash]) => questionRecord(progress, key, hash)?.correct)) done.add(chapter);
	}
	return done;
}

/** Adds or removes the marks; `label` is the localised hidden text ("done"). */
export function markChapters(progress: Progress, catalogJson: string | undefined, label: string): void {
	let catalog: Catalog;
	try {
		catalog = JSON.parse(catalogJson ?? '{}') as Catalog;
	} catch {
		return;
	}
	const done = finishedChapters(progress, catalog);
	for (const link of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')) {
		const slug = new URL(link.href).pathname.split('/').filter(Boolean).pop() ?? '';
		if (!(slug in catalog)) continue;
		let mark = link.querySelector<HTMLElement>('.mp-done');
		if (done.has(slug) && !mark) {
			mark = document.createElement('span');
			mark.className = 'mp-done';
			const hidden = document.createElement('span');
			hidden.className = 'sr-only';
			hidden.textContent = ` (${label})`;
			mark.append(hidden);
			link.append(mark);
		} else if (!done.has(slug)) mark?.remove();
	}
}
