/**
 * `<mp-quiz>`: enhances the server-rendered quiz (Quiz.astro). Options in a stable per-learner order;
 * answers checked on submit (choice questions here, written commands by the rules engine, loaded on
 * demand); feedback in a live region with focus moved to it; "retry" re-asks only the wrong
 * questions; "show answers" ends retries; every result goes to `$progress` (which syncs across tabs,
 * and this element re-renders when it changes).
 */
import { $progress, questionRecord } from '../../stores/progress.ts';
import { forgetQuestions, recordAnswer, recordReveal } from '../../stores/quiz-actions.ts';
import { learnerId } from '../../stores/learner.ts';
import { shuffled } from '../../quiz/shuffle.ts';
import { gradeChoice } from '../../quiz/choice.ts';
import type { Progress } from '../../stores/progress-codec.ts';
import type { GoalProblem } from '../../quiz/goals.ts';
import { showNotice } from './notice.ts';

type State = '' | 'right' | 'wrong' | 'revealed';
type Texts = Record<string, string>;

const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
const all = <T extends Element>(root: ParentNode, selector: string) => [...root.querySelectorAll<T>(selector)];

function el(tag: string, text?: string, className?: string): HTMLElement {
	const node = document.createElement(tag);
	if (text !== undefined) node.textContent = text;
	if (className) node.className = className;
	return node;
}

/**
 * Expressive Code links its stylesheet from the page's first code block, which on the exam is inside
 * a question. A link that leaves the document takes its styles along until it has been fetched
 * again: moved with its question, the code blocks would show unstyled for a frame and then jump.
 * So before the questions move, a copy of each such link goes to the end of <head> (where the
 * cascade order is the same: no stylesheet comes after it), and the original goes once the copy
 * has loaded (if the copy fails, the original stays).
 */
function hoistStylesheets(root: Element): Promise<unknown> {
	return Promise.all(
		all<HTMLLinkElement>(root, 'link[rel="stylesheet"]').map(
			(link) =>
				new Promise<void>((resolve) => {
					const copy = link.cloneNode() as HTMLLinkElement;
					const done = (gone: HTMLLinkElement) => () => {
						gone.remove();
						resolve();
					};
					copy.addEventListener('load', done(link), { once: true });
					copy.addEventListener('error', done(copy), { once: true });
					document.head.append(copy);
				}),
		),
	);
}

let commandGrader: Promise<typeof import('./command-grader.ts')> | undefined;
const loadGrader = () => (commandGrader ??= import('./command-grader.ts'));

class MpQuiz extends HTMLElement {
	private text: Texts = {};
	/** Questions the learner is answering again after "retry" (their stored result is wrong). */
	private retrying = new Set<string>();
	private unsubscribe: (() => void) | undefined;
	private busy = false;

	connectedCallback(): void {
		this.text = JSON.parse(this.dataset['text'] ?? '{}') as Texts;
		const learner = learnerId();
		for (const question of this.questions()) {
			const box = question.querySelector('[data-options]');
			if (box) for (const option of shuffled(all(box, '[data-option]'), learner, question.dataset['key'] ?? '')) box.append(option);
		}
		if (this.dataset['exam'] !== undefined) {
			void hoistStylesheets(this).then(() => this.orderExam(learner));
			void loadGrader();
		}
		this.addEventListener('click', (event) => {
			const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset['action'];
			if (action === 'check') void this.check();
			else if (action === 'retry') this.retry();
			else if (action === 'reveal') this.reveal();
			else if (action === 'start-over') this.startOver();
		});
		this.unsubscribe = $progress.subscribe((progress) => this.render(progress));
		showNotice(this, this.text);
	}

	/** The exam's questions in this learner's order, numbered again; `data-ordered` says it is done. */
	private orderExam(learner: string): void {
		const list = this.querySelector('.mp-quiz__list');
		if (list) for (const question of shuffled(this.questions(), learner, 'exam-order')) list.append(question);
		this.questions().forEach((question, index) => {
			const num = question.querySelector('[data-num]');
			if (num) num.textContent = num.textContent.replace(/\d+/, String(index + 1));
		});
		this.dataset['ordered'] = '';
	}

	disconnectedCallback(): void {
		this.unsubscribe?.();
	}

	private questions(): HTMLElement[] {
		return all<HTMLElement>(this, '.mp-q');
	}

	private revealed(progress: Progress): boolean {
		return this.questions().some((q) => questionRecord(progress, q.dataset['key'] ?? '', q.dataset['hash'] ?? '')?.revealed === true);
	}

	private stateOf(progress: Progress, question: HTMLElement, revealed: boolean): State {
		const key = question.dataset['key'] ?? '';
		if (revealed) return 'revealed';
		const record = questionRecord(progress, key, question.dataset['hash'] ?? '');
		if (!record || record.attempts === 0) return '';
		if (record.correct) return 'right';
		return this.retrying.has(key) ? '' : 'wrong';
	}

	/** Brings every question and button in line with the stored progress (and this tab's retries). */
	private render(progress: Progress): void {
		const revealed = this.revealed(progress);
		const states = this.questions().map((question) => {
			const state = this.stateOf(progress, question, revealed);
			if (state !== question.dataset['state']) this.show(question, state);
			return state;
		});
		this.button('check').hidden = !states.includes('');
		this.button('retry').hidden = revealed || !states.includes('wrong');
		this.button('reveal').hidden = revealed || states.every((state) => state === 'right');
		this.button('start-over').hidden = !states.some((state) => state !== '');
	}

	private button(action: string): HTMLButtonElement {
		return this.querySelector(`[data-action="${action}"]`) as HTMLButtonElement;
	}

	private show(question: HTMLElement, state: State): void {
		question.dataset['state'] = state;
		const locked = state !== '';
		const correct = (question.dataset['correct'] ?? '').split(' ');
		for (const input of all<HTMLInputElement | HTMLTextAreaElement>(question, 'input, textarea')) {
			input.disabled = locked;
			if (!locked && input instanceof HTMLInputElement) input.checked = false;
			if (state === 'right' || state === 'revealed') {
				if (input instanceof HTMLInputElement) input.checked = correct.includes(input.value);
			}
		}
		for (const option of all<HTMLElement>(question, '[data-option]')) {
			const mark = state === 'right' || state === 'revealed' ? (correct.includes(option.dataset['option'] ?? '') ? 'right' : '') : '';
			if (mark) option.dataset['mark'] = mark;
			else delete option.dataset['mark'];
		}
		const answer = question.querySelector('details');
		if (answer) answer.open = state === 'right' || state === 'revealed';
		const feedback = question.querySelector<HTMLElement>('[data-feedback]');
		if (feedback && state !== 'wrong') {
			feedback.replaceChildren();
			if (state) feedback.append(el('strong', this.text[state === 'right' ? 'quiz.right' : 'quiz.revealedState']));
		} else if (feedback && !feedback.hasChildNodes()) feedback.append(el('strong', this.text['quiz.wrong']));
	}

	private answerOf(question: HTMLElement): string[] | string | undefined {
		if (question.dataset['select'] === 'command') {
			const value = question.querySelector('textarea')?.value.trim() ?? '';
			return value === '' ? undefined : value;
		}
		const picked = all<HTMLInputElement>(question, 'input:checked').map((input) => input.value);
		return picked.length ? picked : undefined;
	}

	private status(message: string, focus = true): void {
		const status = this.querySelector<HTMLElement>('[data-status]');
		if (status) status.textContent = message;
		if (focus) this.querySelector<HTMLElement>('[data-summary]')?.focus();
	}

	private async check(): Promise<void> {
		if (this.busy) return;
		const open = this.questions().filter((question) => question.dataset['state'] === '');
		const missing = open.filter((question) => this.answerOf(question) === undefined);
		if (missing.length) {
			this.status(fill(this.text['quiz.answerAll'] ?? '', { count: missing.length }), false);
			missing[0]?.querySelector<HTMLElement>('input, textarea')?.focus();
			return;
		}
		const results: { question: HTMLElement; correct: boolean; feedback: Node[] }[] = [];
		for (const question of open) {
			const answer = this.answerOf(question);
			if (typeof answer === 'string') {
				this.busy = true;
				this.status(this.text['quiz.loadingEngine'] ?? '', false);
				try {
					const grader = await loadGrader();
					const task = JSON.parse(question.dataset['task'] ?? '{}') as Parameters<typeof grader.gradeWritten>[0];
					const grade = await grader.gradeWritten(task, answer);
					results.push({ question, correct: grade.correct, feedback: grade.correct ? [] : this.commandFeedback(grade.problems, grade.run) });
				} catch {
					this.busy = false;
					this.status(this.text['quiz.engineFailed'] ?? '');
					return;
				}
				this.busy = false;
			} else {
				const picked = answer ?? [];
				const correct = gradeChoice(picked, (question.dataset['correct'] ?? '').split(' '));
				results.push({ question, correct, feedback: correct ? [] : this.choiceFeedback(question, picked) });
			}
		}
		for (const { question, correct, feedback } of results) {
			const key = question.dataset['key'] ?? '';
			this.retrying.delete(key);
			const box = question.querySelector<HTMLElement>('[data-feedback]');
			if (box) box.replaceChildren(...(correct ? [] : [el('strong', this.text['quiz.wrong']), ...feedback]));
			recordAnswer(key, question.dataset['hash'] ?? '', correct);
		}
		this.summarize();
	}

	private choiceFeedback(question: HTMLElement, picked: string[]): Node[] {
		return picked.flatMap((id) => {
			const why = question.querySelector(`[data-why="${CSS.escape(id)}"] [data-why-text]`);
			const label = question.querySelector(`[data-option="${CSS.escape(id)}"] .mp-opt__text, [data-option="${CSS.escape(id)}"] .mp-opt__output`);
			if (!why) return [];
			const line = el('p');
			line.append(el('span', `${this.text['quiz.yourChoice']}: `), ...(label ? [label.cloneNode(true)] : []), ' — ', ...[...why.childNodes].map((node) => node.cloneNode(true)));
			return [line];
		});
	}

	private commandFeedback(problems: GoalProblem[], run: { line: string; exitCode: number; stdout: string; stderr: string }[]): Node[] {
		const list = el('ul');
		for (const problem of problems) list.append(el('li', fill(this.text[problem.key] ?? problem.key, problem.params)));
		const nodes: Node[] = [el('p', this.text['quiz.stillWrong']), list];
		const printed = run.map((line) => `$ ${line.line}\n${line.stdout}${line.stderr}`).join('');
		if (run.length) nodes.push(el('p', this.text['quiz.yourRun']), el('pre', printed));
		else nodes.push(el('p', this.text['quiz.emptyAnswer']));
		return nodes;
	}

	/** Score, what to retry, and the review list, announced and focused. */
	private summarize(): void {
		const progress = $progress.get();
		const questions = this.questions();
		const records = questions.map((q) => questionRecord(progress, q.dataset['key'] ?? '', q.dataset['hash'] ?? ''));
		const right = records.filter((record) => record?.correct && !record.revealed).length;
		const wrong = questions.filter((question) => question.dataset['state'] === 'wrong');
		let message = fill(this.text['quiz.score'] ?? '', { correct: right, total: questions.length });
		if (right === questions.length) message += ` ${this.text['quiz.allRight']}`;
		else if (wrong.length && !this.revealed(progress)) message += ` ${fill(this.text['quiz.toRetry'] ?? '', { count: wrong.length })}`;
		const review = this.querySelector<HTMLElement>('[data-review]');
		const list = this.querySelector('[data-review-list]');
		if (review && list) {
			list.replaceChildren(
				...wrong.map((question) => {
					const item = el('li');
					const link = el('a', question.querySelector('[data-num]')?.textContent.trim() ?? '') as HTMLAnchorElement;
					link.href = `#${question.id}`;
					const chapter = el('a', question.querySelector('.mp-q__prompt')?.textContent.trim() ?? '') as HTMLAnchorElement;
					chapter.href = question.dataset['reviewHref'] ?? '#';
					item.append(link, ': ', chapter);
					return item;
				}),
			);
			review.hidden = wrong.length === 0;
		}
		this.status(message);
	}

	private retry(): void {
		const wrong = this.questions().filter((question) => question.dataset['state'] === 'wrong');
		for (const question of wrong) {
			this.retrying.add(question.dataset['key'] ?? '');
			question.querySelector('[data-feedback]')?.replaceChildren();
		}
		this.render($progress.get());
		this.status('', false);
		wrong[0]?.querySelector<HTMLElement>('input:not(:disabled), textarea')?.focus();
	}

	private reveal(): void {
		recordReveal(this.questions().map((question) => ({ id: question.dataset['key'] ?? '', hash: question.dataset['hash'] ?? '' })));
		this.summarize();
	}

	private startOver(): void {
		this.retrying.clear();
		for (const question of this.questions()) question.querySelector('[data-feedback]')?.replaceChildren();
		forgetQuestions(this.questions().map((question) => question.dataset['key'] ?? ''));
		this.status('', false);
		this.questions()[0]?.querySelector<HTMLElement>('input, textarea')?.focus();
	}
}

if (!customElements.get('mp-quiz')) customElements.define('mp-quiz', MpQuiz);
