/**
 * `<mp-progress>`: the progress page. Shows the learner's own `$progress` (live, also when another
 * tab changes it), or — when the URL carries `#progress=…` — a read-only view of someone else's
 * results decoded from the link, without touching the viewer's own. Name, share link, JSON
 * export/import (validated by the codec) and reset act on the learner's own progress only.
 */
import { $progress, questionRecord } from '../../stores/progress.ts';
import { replaceProgress, resetProgress, setLearnerName } from '../../stores/progress-actions.ts';
import { decodeProgressJson, encodeProgressJson, MAX_ENCODED_LENGTH, type Progress } from '../../stores/progress-codec.ts';
import { decodeShare, encodeShare, SHARE_PARAM, shareValueFromHash } from '../../stores/progress-share.ts';
import { showNotice } from './notice.ts';

type Texts = Record<string, string>;
const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

class MpProgress extends HTMLElement {
	private text: Texts = {};
	/** The decoded share link being shown, if any (read-only). */
	private shared: Progress | undefined;

	private q<T extends HTMLElement = HTMLElement>(selector: string): T {
		return this.querySelector(selector) as T;
	}

	connectedCallback(): void {
		this.text = JSON.parse(this.dataset['text'] ?? '{}') as Texts;
		$progress.subscribe((progress) => {
			if (!this.shared) this.render(progress);
			const input = this.q<HTMLInputElement>('#mp-learner-name');
			if (document.activeElement !== input) input.value = progress.name ?? '';
		});
		this.readHash();
		window.addEventListener('hashchange', () => this.readHash());
		showNotice(this, this.text);
		this.addEventListener('click', (event) => {
			const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset['action'];
			if (action === 'mine') this.showMine();
			else if (action === 'share') this.makeShareLink();
			else if (action === 'copy') void this.copyShareLink();
			else if (action === 'export') this.exportJson();
			else if (action === 'reset') this.reset();
		});
		this.q('[data-name-form]').addEventListener('submit', (event) => {
			event.preventDefault();
			setLearnerName(this.q<HTMLInputElement>('#mp-learner-name').value);
			this.say(this.text['progress.nameSaved']);
		});
		this.q<HTMLInputElement>('[data-import]').addEventListener('change', (event) => void this.importJson(event.target as HTMLInputElement));
	}

	private say(message = ''): void {
		this.q('[data-status]').textContent = message;
	}

	private readHash(): void {
		const value = shareValueFromHash(location.hash);
		const bad = this.q('[data-shared-bad]');
		bad.hidden = true;
		if (value === undefined) {
			if (this.shared) this.showMine();
			return;
		}
		const decoded = decodeShare(value);
		if (!decoded.ok) {
			bad.hidden = false;
			this.shared = undefined;
			this.q('[data-shared]').hidden = true;
			this.q('[data-own]').hidden = false;
			this.render($progress.get());
			return;
		}
		this.shared = decoded.value;
		this.q('[data-shared-by]').textContent = decoded.value.name
			? fill(this.text['progress.sharedBy'] ?? '', { name: decoded.value.name })
			: (this.text['progress.sharedAnonymous'] ?? '');
		this.q('[data-shared]').hidden = false;
		this.q('[data-own]').hidden = true;
		this.render(decoded.value);
		this.q('#shared-results').focus();
	}

	private showMine(): void {
		this.shared = undefined;
		if (shareValueFromHash(location.hash) !== undefined) history.replaceState(null, '', location.pathname + location.search);
		this.q('[data-shared]').hidden = true;
		this.q('[data-shared-bad]').hidden = true;
		this.q('[data-own]').hidden = false;
		this.render($progress.get());
	}

	/** Scores per chapter and the review list, for whichever progress is shown. */
	private render(progress: Progress): void {
		const template = this.q<HTMLTemplateElement>('template[data-questions]');
		const items = [...template.content.querySelectorAll<HTMLElement>('li')];
		const review: Node[] = [];
		for (const row of this.querySelectorAll<HTMLElement>('tr[data-group]')) {
			const group = row.dataset['group'];
			const total = Number(row.dataset['total']);
			let right = 0;
			let answered = 0;
			for (const item of items.filter((li) => li.dataset['group'] === group)) {
				const record = questionRecord(progress, item.dataset['key'] ?? '', item.dataset['hash'] ?? '');
				if (!record || (record.attempts === 0 && !record.revealed)) continue;
				answered++;
				if (record.correct && !record.revealed) right++;
				else {
					const copy = item.cloneNode(true) as HTMLElement;
					const reason = copy.querySelector('[data-reason]');
					if (reason) reason.textContent = ` — ${this.text[record.revealed ? 'progress.reviewRevealed' : 'progress.reviewWrong']}`;
					review.push(copy);
				}
			}
			const cell = (name: string) => row.querySelector(`[data-cell="${name}"]`) as HTMLElement;
			cell('score').textContent = `${right} / ${total}`;
			cell('answered').textContent = `${answered} / ${total}`;
			cell('status').textContent =
				this.text[right === total && total > 0 ? 'progress.done' : answered > 0 ? 'progress.inProgress' : 'progress.notStarted'] ?? '';
		}
		this.q('[data-review]').replaceChildren(...review);
		this.q('[data-review-none]').hidden = review.length > 0;
		this.q('[data-levels]').textContent = fill(this.text['progress.levels'] ?? '', { count: Object.keys(progress.levels).length });
	}

	private makeShareLink(): void {
		const url = new URL(location.href);
		url.hash = `${SHARE_PARAM}=${encodeShare($progress.get())}`;
		this.q('[data-share-box]').hidden = false;
		const field = this.q<HTMLInputElement>('[data-share-link]');
		field.value = url.href;
		field.focus();
		field.select();
	}

	private async copyShareLink(): Promise<void> {
		const field = this.q<HTMLInputElement>('[data-share-link]');
		try {
			await navigator.clipboard.writeText(field.value);
			this.say(this.text['progress.copied']);
		} catch {
			field.select();
			this.say(this.text['progress.copyFailed']);
		}
	}

	private exportJson(): void {
		const blob = new Blob([encodeProgressJson($progress.get())], { type: 'application/json' });
		const link = document.createElement('a');
		link.href = URL.createObjectURL(blob);
		link.download = 'mountpoint-progress.json';
		link.click();
		setTimeout(() => URL.revokeObjectURL(link.href), 0);
	}

	private async importJson(input: HTMLInputElement): Promise<void> {
		const file = input.files?.[0];
		input.value = '';
		if (!file) return;
		// Refuse huge files before reading them; the codec checks everything else.
		const decoded = file.size > MAX_ENCODED_LENGTH ? ({ ok: false, problem: 'too-large' } as const) : decodeProgressJson(await file.text());
		if (!decoded.ok) {
			this.say(this.text[`progress.bad.${decoded.problem}`]);
			return;
		}
		if (!confirm(this.text['progress.importConfirm'])) return;
		replaceProgress(decoded.value);
		this.say(this.text['progress.imported']);
	}

	private reset(): void {
		if (!confirm(this.text['progress.resetConfirm'])) return;
		resetProgress();
		this.say(this.text['progress.resetDone']);
	}
}

if (!customElements.get('mp-progress')) customElements.define('mp-progress', MpProgress);
