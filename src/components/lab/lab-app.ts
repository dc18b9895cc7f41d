/**
 * The Volume Lab island, loaded on demand by `<mp-lab>` (see Lab.astro): a prompt on the rules
 * engine, the state as tables (text first) and as a diagram, guided levels, share links and
 * transcript export. Every piece of text reaches the DOM as text nodes (never markup).
 *
 * The engine is the core one (src/rules/core.ts): a line that needs an extension (docker build,
 * tar, nginx …) comes back as a `needs` outcome, and the lab fetches that extension and runs the
 * line again. Sessions built from a command list (a level's setup, a share link, a version switch)
 * go through `withExtensions`, which loads what the list needs before the session is shown.
 */
import { createCoreEngine, loadExtensions, withExtensions, type ExtensionName } from '../../rules/core.ts';
import { checkGoal, fillTemplate, type GoalResult } from '../../quiz/goals.ts';
import { $progress, recordLevelSolved } from '../../stores/progress.ts';
import { LabSession, scriptLines, type Entry, type LineOutcome } from '../../lab/session.ts';
import type { DockerVersion } from '../../lab/engine-port.ts';
import { emptyHistory, historyDown, historyPush, historyUp } from '../../lab/history.ts';
import { changesBetween, stateView, type Change, type StateView } from '../../lab/state-view.ts';
import { layoutDiagram } from '../../lab/diagram-layout.ts';
import { mergedView } from '../../lab/merged-view.ts';
import type { LabData, LabEntryData } from '../../lab/lab-data.ts';
import type { ShareHost } from './lab-share.ts';
import { diagramRenderer } from './diagram.ts';

// Loaded when first needed, so the lab page's first load carries the engine and the view only.
const loadCompletion = () => import('../../lab/lab-completion.ts');
type CompletionModule = Awaited<ReturnType<typeof loadCompletion>>;
const loadShare = () => import('./lab-share.ts');

/** Display limits: the state keeps everything, the screen shows this much. */
const MAX_LINE_CHARS = 2_000;
const MAX_OUTPUT_LINES = 200;
const MAX_ENTRIES_SHOWN = 300;
const MAX_CHANGES_ANNOUNCED = 6;
/** A paste runs at most this many lines (about a second of replay); the rest is reported, not run. */
const MAX_PASTE_LINES = 5_000;

type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | boolean | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== false) el.setAttribute(name, value === true ? '' : value);
	for (const child of children) if (child !== false && child !== null && child !== undefined) el.append(child);
	return el;
}

export function mountLab(host: HTMLElement): void {
	let data: LabData;
	try {
		data = JSON.parse(host.dataset['lab'] ?? '') as LabData;
	} catch {
		return;
	}
	const uid = host.dataset['uid'] ?? '';
	const s = (key: string, params: Record<string, string | number> = {}): string => fillTemplate(data.strings[key] ?? key, params);
	const entries = new Map(data.entries.map((entry) => [entry.id, entry]));
	const levels = data.entries.filter((entry) => entry.kind === 'level');
	const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

	let current: LabEntryData | undefined = data.initial === undefined ? undefined : entries.get(data.initial);
	let dockerVersion: DockerVersion = current?.docker ?? '29';
	// An empty sandbox until the first `chooseEntry` has built the real session.
	let session = new LabSession({ createEngine: createCoreEngine, dockerVersion });
	let history = emptyHistory();
	let lastView: StateView = stateView(session.snapshot());
	let solved = false;
	let selected: string | undefined;
	let tabOut = false;
	/** The session replays someone's shared commands: reaching the goal is shown, not recorded as solved. */
	let fromLink = false;

	/** A session on `current` with `commands` replayed, once the extensions they need are loaded. */
	function sessionWith(commands: readonly string[]): Promise<LabSession> {
		const options = { setup: current?.setup ?? [], dockerVersion: current?.docker ?? dockerVersion };
		return withExtensions((createEngine) => {
			const built = new LabSession({ ...options, createEngine });
			if (commands.length > 0) built.replay(commands);
			return built;
		});
	}

	/**
	 * Lines typed, pasted or clicked run one batch after the other: a batch that has to wait for an
	 * extension holds back the ones after it, so the session sees them in order.
	 */
	let queue: Promise<void> = Promise.resolve();
	function enqueue(task: () => void | Promise<void>): Promise<void> {
		queue = queue.then(task, task);
		return queue;
	}

	/* ---- the DOM (Lab.astro's template: the markup and its words come with the page) ---- */

	const template = host.querySelector<HTMLTemplateElement>('template.mp-lab__template');
	if (template === null) return;
	const app = template.content.firstElementChild?.cloneNode(true) as HTMLElement;
	const find = <T extends Element = HTMLElement>(name: string): T => app.querySelector(`.mp-lab__${name}`) as T;
	const input = find<HTMLInputElement>('input');
	const output = find('output');
	const announcer = find('announcer');
	const message = find('message');
	const taskTitle = find('task-title');
	const taskText = find('task-text');
	const goalStatus = find('goal');
	const hint = find('hint');
	const solution = find('solution');
	const task = find('task');
	const tables = find('tables');
	const files = find('files');
	const diagram = diagramRenderer(find<SVGSVGElement>('svg'), s, reducedMotion);
	// The Share link and the transcript appear here (lab-share.ts makes them on first use).
	const shareSlot = find('exports');
	const versionSelect = find<HTMLSelectElement>('version select');
	const levelList = find('level-list') as HTMLElement | null;
	const form = find('prompt');

	const button = (label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement => {
		const el = h('button', { type: 'button', class: 'mp-lab__button', ...attrs }, label);
		el.addEventListener('click', onClick);
		return el;
	};

	find('toolbar').addEventListener('click', (event) => {
		const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset['action'];
		if (action === 'undo' || action === 'reset') runLines([action]);
		else if (action === 'clear') clearOutput();
		// Both wait their turn: a line still fetching an extension belongs in the link and the transcript.
		else if (action === 'share' || action === 'copyTranscript') shareAction(action);
	});

	/* ---- output ---- */

	function clip(line: string): Node[] {
		if (line.length <= MAX_LINE_CHARS) return [document.createTextNode(line)];
		return [document.createTextNode(line.slice(0, MAX_LINE_CHARS)), h('span', { class: 'mp-lab__clipped' }, s('lab.clipped', { count: line.length - MAX_LINE_CHARS }))];
	}

	function block(text: string, className: string): HTMLElement | null {
		if (text === '') return null;
		const lines = text.replace(/\n$/, '').split('\n');
		const pre = h('pre', { class: className });
		lines.slice(0, MAX_OUTPUT_LINES).forEach((line, index) => {
			if (index > 0) pre.append('\n');
			pre.append(...clip(line));
		});
		if (lines.length > MAX_OUTPUT_LINES) pre.append('\n', h('span', { class: 'mp-lab__clipped' }, s('lab.moreLines', { count: lines.length - MAX_OUTPUT_LINES })));
		return pre;
	}

	function entryNode(entry: Entry): HTMLElement {
		return h(
			'div',
			{ class: `mp-lab__entry${entry.setup ? ' is-setup' : ''}${entry.result.exitCode !== 0 ? ' is-error' : ''}` },
			h('p', { class: 'mp-lab__cmd' }, h('span', { class: 'mp-lab__dollar', 'aria-hidden': 'true' }, entry.setup ? '#' : '$'), ' ', ...clip(entry.command)),
			block(entry.result.stdout, 'mp-lab__stdout'),
			block(entry.result.stderr, 'mp-lab__stderr'),
			entry.result.exitCode !== 0 && h('p', { class: 'mp-lab__exit' }, `[exit ${entry.result.exitCode}]`),
		);
	}

	function note(text: string): HTMLElement {
		return h('p', { class: 'mp-lab__note' }, text);
	}

	/** Shows the newest entries; builds DOM only for what stays on screen (a long paste builds the tail). */
	function appendOutput(items: readonly (() => Node)[]): void {
		const shown = items.slice(-MAX_ENTRIES_SHOWN);
		const fragment = document.createDocumentFragment();
		for (const make of shown) fragment.append(make());
		const extra = output.children.length + shown.length - MAX_ENTRIES_SHOWN;
		if (extra >= output.children.length) output.replaceChildren();
		else for (let i = 0; i < extra; i++) output.firstElementChild?.remove();
		output.append(fragment);
		if (extra > 0 || items.length > MAX_ENTRIES_SHOWN) output.prepend(note(s('lab.trimmed')));
		// Scrolling reads layout: done once, in the next frame, not in the middle of a batch.
		window.requestAnimationFrame(() => {
			output.scrollTop = output.scrollHeight;
		});
	}

	function rerenderOutput(): void {
		output.replaceChildren();
		appendOutput(session.entries.map((entry) => () => entryNode(entry)));
	}

	function clearOutput(): void {
		output.replaceChildren();
		announce(s('lab.cleared'));
		input.focus();
	}

	/* ---- state view ---- */

	function table(caption: string, headers: string[], rows: Child[][], empty: string): HTMLElement {
		return h(
			'div',
			// Scrolls sideways on narrow screens: focusable so that keyboard users can scroll it, named like its table.
			{ class: 'mp-lab__table-wrap', role: 'group', 'aria-label': caption, tabindex: '0' },
			h(
				'table',
				{ class: 'mp-lab__table' },
				h('caption', {}, caption),
				h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
				h('tbody', {}, ...(rows.length === 0 ? [h('tr', {}, h('td', { colspan: String(headers.length) }, empty))] : rows.map((cells) => h('tr', {}, ...cells.map((cell, index) => (index === 0 ? h('th', { scope: 'row' }, cell) : h('td', {}, cell))))))),
			),
		);
	}

	function mountText(view: StateView, id: string): string {
		const row = view.containers.find((container) => container.id === id);
		return (row?.mounts ?? [])
			.map((mount) => `${mount.type === 'tmpfs' ? 'tmpfs' : mount.source} → ${mount.destination} (${s(`lab.kind.${mount.type === 'volume' ? (mount.anonymous ? 'anonymous' : 'named') : mount.type}`)}${mount.readOnly ? `, ${s('lab.readOnly')}` : ''})`)
			.join('; ');
	}

	function renderTables(view: StateView): void {
		const containerRows = view.containers.map((row) => [
			row.name,
			row.image,
			s(`lab.status.${row.status}`),
			mountText(view, row.id) || '—',
			button(s('lab.files.show'), () => selectContainer(row.id), { 'aria-pressed': selected === row.id ? 'true' : 'false', 'aria-label': s('lab.files.showFor', { name: row.name }) }),
		]);
		const volumeRows = view.volumes.map((row) => [
			h('span', { title: row.name }, row.display),
			s(row.anonymous ? 'lab.kind.anonymous' : 'lab.kind.named'),
			row.usedBy.join(', ') || '—',
			s(row.dangling ? 'lab.yes' : 'lab.no'),
			row.entries.join(' ') || '∅',
		]);
		const dirRows = view.hostDirs.map((row) => [row.path, row.entries.join(' ') || '∅']);
		tables.replaceChildren(
			table(s('lab.containers.caption'), [s('lab.col.name'), s('lab.col.image'), s('lab.col.state'), s('lab.col.mounts'), s('lab.col.files')], containerRows, s('lab.containers.empty')),
			table(s('lab.volumes.caption'), [s('lab.col.name'), s('lab.col.kind'), s('lab.col.usedBy'), s('lab.col.dangling'), s('lab.col.contents')], volumeRows, s('lab.volumes.empty')),
			table(s('lab.dirs.caption'), [s('lab.col.path'), s('lab.col.contents')], dirRows, s('lab.dirs.empty')),
		);
		if (view.hostDirsHidden > 0) tables.append(note(s('lab.dirs.hidden', { count: view.hostDirsHidden })));
		renderFiles(view);
	}

	function renderFiles(view: StateView): void {
		const row = view.containers.find((container) => container.id === selected);
		if (row === undefined) {
			selected = undefined;
			files.replaceChildren();
			return;
		}
		const rows = mergedView(session.snapshot(), row.id).map((entry) => [
			`${entry.path}${entry.type === 'dir' ? '/' : ''}`,
			entry.collapsed === undefined ? s(`lab.type.${entry.type}`) : s('lab.files.collapsed', { count: entry.collapsed }),
			h('span', { class: `mp-lab__origin is-${entry.origin}` }, s(`lab.origin.${entry.origin}`)),
		]);
		files.replaceChildren(table(s('lab.files.caption', { name: row.name }), [s('lab.col.path'), s('lab.col.type'), s('lab.col.origin')], rows, s('lab.files.empty')));
	}

	function selectContainer(id: string): void {
		selected = selected === id ? undefined : id;
		renderTables(lastView);
		const pressed = tables.querySelector<HTMLButtonElement>(`button[aria-pressed="true"]`);
		pressed?.focus();
		const name = lastView.containers.find((row) => row.id === id)?.name ?? '';
		announce(selected === undefined ? s('lab.files.hidden') : s('lab.files.shown', { name }));
	}

	function renderState(view: StateView): void {
		renderTables(view);
		const summary = s('lab.diagram.summary', {
			containers: view.containers.length,
			volumes: view.volumes.length,
			binds: new Set(view.containers.flatMap((row) => row.mounts.filter((mount) => mount.type === 'bind').map((mount) => mount.key))).size,
		});
		diagram.render(layoutDiagram(view), summary);
	}

	/* ---- goal ---- */

	function goalResult(): GoalResult | undefined {
		return current?.goal === undefined ? undefined : checkGoal(session.snapshot(), current.goal);
	}

	function renderGoal(result: GoalResult | undefined): string {
		if (current === undefined || result === undefined) {
			goalStatus.replaceChildren();
			return '';
		}
		if (result.ok) {
			const best = current.commandCount === undefined || session.commandCount <= current.commandCount;
			const text = s(best ? 'lab.goal.solvedBest' : 'lab.goal.solved', { count: session.commandCount, reference: current.commandCount ?? 0 });
			goalStatus.replaceChildren(h('p', { class: 'mp-lab__goal-ok' }, h('span', { 'aria-hidden': 'true' }, '✓ '), text));
			return text;
		}
		const problems = result.problems.slice(0, 4).map((problem) => fillTemplate(data.strings[problem.key] ?? problem.key, problem.params));
		goalStatus.replaceChildren(h('p', { class: 'mp-lab__goal-todo' }, s('lab.goal.todo')), h('ul', {}, ...problems.map((problem) => h('li', {}, problem))));
		return '';
	}

	function checkAndRecord(): string {
		const result = goalResult();
		const solvedText = renderGoal(result);
		const nowSolved = result?.ok === true;
		if (nowSolved && !solved && current?.kind === 'level' && !fromLink) recordLevelSolved(current.id, Math.max(1, session.commandCount));
		const announceSolved = nowSolved && !solved;
		solved = nowSolved;
		return announceSolved ? solvedText : '';
	}

	/* ---- levels ---- */

	function renderLevelList(): void {
		if (levelList === null) return;
		const progress = $progress.get();
		const sandbox = h('li', {}, button(s('lab.sandbox'), () => void chooseEntry(undefined), { 'aria-current': current === undefined ? 'true' : undefined }));
		levelList.replaceChildren(
			sandbox,
			...levels.map((level, index) => {
				const record = progress.levels[level.id];
				const badge = record === undefined ? '' : record.best <= (level.commandCount ?? Number.POSITIVE_INFINITY) ? s('lab.levels.best', { count: record.best }) : s('lab.levels.solved', { count: record.best });
				const el = button(`${index + 1}. ${level.title}`, () => void chooseEntry(level), { 'aria-current': current?.id === level.id ? 'true' : undefined, 'data-level': level.id });
				if (badge) el.append(' ', h('span', { class: `mp-lab__badge${record !== undefined && record.best <= (level.commandCount ?? 0) ? ' is-best' : ''}` }, badge));
				return h('li', {}, el);
			}),
		);
	}

	function renderTask(): void {
		task.hidden = current === undefined && data.mode === 'embed';
		taskTitle.textContent = current === undefined ? s('lab.sandbox') : current.title;
		// An embed already shows the title above the lab.
		taskTitle.classList.toggle('sr-only', data.mode === 'embed');
		taskText.textContent = current === undefined ? s('lab.sandbox.text') : current.task;
		hint.hidden = current?.hint === undefined;
		hint.replaceChildren(h('summary', {}, s('lab.hint')), h('p', {}, current?.hint ?? ''));
		solution.hidden = current?.solution === undefined;
		solution.replaceChildren(
			h('summary', {}, s('lab.solution', { count: current?.commandCount ?? 0 })),
			h('pre', { class: 'mp-lab__stdout' }, (current?.solution ?? []).join('\n')),
		);
		versionSelect.value = current?.docker ?? dockerVersion;
		versionSelect.disabled = current?.docker !== undefined;
	}

	function chooseEntry(entry: LabEntryData | undefined, commands: readonly string[] = [], byUser = true): Promise<void> {
		return enqueue(async () => {
			current = entry;
			fromLink = !byUser && commands.length > 0;
			try {
				session = await sessionWith(commands);
			} catch {
				message.textContent = s('lab.loadFailed');
				return;
			}
			showEntry(entry, byUser);
		});
	}

	function showEntry(entry: LabEntryData | undefined, byUser: boolean): void {
		solved = false;
		selected = undefined;
		renderTask();
		renderLevelList();
		rerenderOutput();
		lastView = stateView(session.snapshot());
		renderState(lastView);
		const solvedText = checkAndRecord();
		if (!byUser) return;
		announce([entry === undefined ? s('lab.sandbox') : s('lab.levelStarted', { title: entry.title }), solvedText].filter(Boolean).join(' '));
		input.focus();
	}

	/* ---- running lines ---- */

	function announce(text: string): void {
		// Clear first so the same text twice is announced twice.
		announcer.textContent = '';
		window.setTimeout(() => {
			announcer.textContent = text;
		}, 30);
	}

	function changeText(changes: readonly Change[]): string {
		const shown = changes.slice(0, MAX_CHANGES_ANNOUNCED).map((change) => s(`lab.change.${change.kind}`, { name: change.name }));
		if (changes.length > MAX_CHANGES_ANNOUNCED) shown.push(s('lab.change.more', { count: changes.length - MAX_CHANGES_ANNOUNCED }));
		return shown.join('; ');
	}

	function outcomeText(outcomes: readonly LineOutcome[]): string {
		const runs = outcomes.filter((outcome): outcome is Extract<LineOutcome, { kind: 'exec' }> => outcome.kind === 'exec');
		if (outcomes.length === 1 && runs.length === 1) {
			const { result } = (runs[0] as { entry: Entry }).entry;
			const text = `${result.stdout}${result.stderr}`.trim().replace(/\s+/g, ' ');
			const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
			return result.exitCode === 0 ? (excerpt ? s('lab.said.ok', { output: excerpt }) : s('lab.said.okEmpty')) : s('lab.said.error', { code: result.exitCode, output: excerpt });
		}
		const failed = runs.filter((run) => run.entry.result.exitCode !== 0).length;
		return runs.length === 0 ? '' : s('lab.said.many', { count: runs.length, failed });
	}

	function runLines(lines: readonly string[]): void {
		void enqueue(async () => {
			let rest = lines;
			let waited: ExtensionName | undefined;
			while (rest.length > 0) {
				const stopped = runBatch(rest);
				if (stopped === undefined) return;
				// A line that still asks for what was just loaded would ask forever: give up on it.
				if (stopped.extension === waited) break;
				waited = stopped.extension;
				message.textContent = s('lab.loadingPart');
				try {
					await loadExtensions([stopped.extension]);
				} catch {
					break;
				}
				message.textContent = '';
				rest = stopped.rest;
			}
			message.textContent = s('lab.loadFailed');
		});
	}

	/** Runs lines until one needs an extension that is not loaded: that one and the rest are returned. */
	function runBatch(lines: readonly string[]): { extension: ExtensionName; rest: readonly string[] } | undefined {
		const outcomes: LineOutcome[] = [];
		let rerender = false;
		const nodes: (() => Node)[] = [];
		let help = false;
		let stopped: { extension: ExtensionName; rest: readonly string[] } | undefined;
		for (const [index, line] of lines.entries()) {
			const outcome = session.run(line);
			if (outcome.kind === 'needs') {
				stopped = { extension: outcome.extension, rest: lines.slice(index) };
				break;
			}
			outcomes.push(outcome);
			history = historyPush(history, line);
			if (outcome.kind === 'exec') nodes.push(() => entryNode(outcome.entry));
			else if (outcome.kind === 'skip') nodes.push(() => note(line));
			else if (outcome.kind === 'reset' || outcome.kind === 'undo') {
				if (outcome.kind === 'reset') fromLink = false;
				rerender = true;
				nodes.length = 0;
			} else if (outcome.kind === 'clear') {
				output.replaceChildren();
				nodes.length = 0;
			} else help = true;
		}
		if (outcomes.length === 0) return stopped;
		if (rerender) rerenderOutput();
		if (help) nodes.push(() => note(s('lab.help')));
		if (nodes.length > 0) appendOutput(nodes);
		const view = stateView(session.snapshot());
		const changes = changesBetween(lastView, view);
		lastView = view;
		renderState(view);
		const solvedText = checkAndRecord();
		const lastOutcome = outcomes[outcomes.length - 1];
		const said =
			lastOutcome?.kind === 'undo'
				? lastOutcome.undone === undefined
					? s('lab.undo.nothing')
					: s('lab.undo.done', { command: lastOutcome.undone })
				: lastOutcome?.kind === 'reset'
					? s('lab.reset.done')
					: lastOutcome?.kind === 'clear'
						? s('lab.cleared')
						: help
							? s('lab.help')
							: outcomeText(outcomes);
		announce([said, changeText(changes), solvedText].filter(Boolean).join(' '));
		return stopped;
	}

	/* ---- prompt ---- */

	let completion: CompletionModule | undefined;
	input.addEventListener(
		'focus',
		() =>
			void loadCompletion().then((loaded) => {
				completion = loaded;
			}),
		{ once: true },
	);

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const line = input.value;
		input.value = '';
		runLines([line]);
	});

	input.addEventListener('keydown', (event) => {
		if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
			event.preventDefault();
			const step = event.key === 'ArrowUp' ? historyUp(history, input.value) : historyDown(history, input.value);
			history = step.history;
			input.value = step.line;
			input.setSelectionRange(step.line.length, step.line.length);
			return;
		}
		if (event.key === 'l' && event.ctrlKey && !event.altKey && !event.metaKey) {
			event.preventDefault();
			clearOutput();
			return;
		}
		if (event.key === 'Escape') {
			tabOut = true;
			return;
		}
		if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey) {
			// Tab completes; on an empty prompt, with nothing to complete, or after Esc it moves focus on.
			if (tabOut || input.value.trim() === '' || completion === undefined) {
				tabOut = false;
				return;
			}
			const cursor = input.selectionStart ?? input.value.length;
			const before = input.value.slice(0, cursor);
			const { complete, LAB_VOCABULARY } = completion;
			const found = complete(before, session.snapshot(), LAB_VOCABULARY);
			if (found.candidates.length === 0) return;
			event.preventDefault();
			const replaced = `${before.slice(0, found.start)}${found.replacement}`;
			input.value = `${replaced}${input.value.slice(cursor)}`;
			input.setSelectionRange(replaced.length, replaced.length);
			if (found.candidates.length > 1 && found.replacement === before.slice(found.start)) {
				appendOutput([() => h('p', { class: 'mp-lab__candidates' }, found.candidates.join('  '))]);
				announce(s('lab.completions', { count: found.candidates.length, list: found.candidates.slice(0, 10).join(', ') }));
			}
			return;
		}
		tabOut = false;
	});

	input.addEventListener('paste', (event) => {
		const text = event.clipboardData?.getData('text/plain') ?? '';
		if (!/[\r\n]/.test(text)) return;
		event.preventDefault();
		const cursor = input.selectionStart ?? input.value.length;
		const combined = `${input.value.slice(0, cursor)}${text}${input.value.slice(input.selectionEnd ?? cursor)}`;
		const lines = scriptLines(combined);
		// A script ending without a newline leaves its last line at the prompt, as a terminal does.
		const complete = /[\r\n]$/.test(text) ? lines : lines.slice(0, -1);
		input.value = /[\r\n]$/.test(text) ? '' : (lines[lines.length - 1] ?? '');
		runLines(complete.slice(0, MAX_PASTE_LINES));
		if (complete.length > MAX_PASTE_LINES) message.textContent = s('lab.pasteCapped', { count: MAX_PASTE_LINES, skipped: complete.length - MAX_PASTE_LINES });
	});

	versionSelect.addEventListener('change', () => {
		dockerVersion = versionSelect.value === '20.10' ? '20.10' : '29';
		void chooseEntry(current);
	});

	/* ---- sharing ---- */

	function shareAction(name: 'share' | 'copyTranscript'): void {
		void enqueue(async () => {
			try {
				await (await loadShare())[name](shareHost);
			} catch {
				message.textContent = s('lab.loadFailed');
			}
		});
	}

	const shareHost: ShareHost = {
		data,
		uid,
		s,
		message,
		slot: shareSlot,
		entries,
		session: () => session,
		current: () => current,
		dockerVersion: () => dockerVersion,
		open(entry, commands, docker) {
			if (docker !== undefined) dockerVersion = docker;
			return chooseEntry(entry, commands, false);
		},
	};

	/* ---- start ---- */

	$progress.listen(() => renderLevelList());
	host.querySelector('.mp-lab__fallback')?.remove();
	host.append(app);
	// The share-link code is loaded only for a page opened with a share link (`#lab=…`).
	const opened =
		data.mode !== 'page' || !/(^#|&)lab=/.test(location.hash)
			? chooseEntry(current, [], false)
			: loadShare().then(
					({ openSharedLink }) => openSharedLink(shareHost, location.hash),
					() => chooseEntry(undefined, [], false).then(() => {
						message.textContent = s('lab.loadFailed');
					}),
				);
	void opened.then(() => {
		host.dataset['ready'] = 'true';
	});
}
