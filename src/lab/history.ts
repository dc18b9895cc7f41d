/**
 * Command history for the prompt, as an immutable value: ↑ walks back, ↓ forward, and the line being
 * typed before the walk started (the draft) comes back at the bottom, as in bash and zsh.
 */
export interface History {
	readonly lines: readonly string[];
	/** Position while walking: `lines.length` means "at the draft". */
	readonly index: number;
	readonly draft: string;
}

export const MAX_HISTORY = 500;

export function emptyHistory(): History {
	return { lines: [], index: 0, draft: '' };
}

/** Adds a run line (blank lines and immediate repeats are not kept) and stops walking. */
export function historyPush(history: History, line: string): History {
	const last = history.lines[history.lines.length - 1];
	const lines = line.trim() === '' || line === last ? history.lines : [...history.lines, line].slice(-MAX_HISTORY);
	return { lines, index: lines.length, draft: '' };
}

/** One step back; `current` is what the prompt shows now (kept as the draft when leaving it). */
export function historyUp(history: History, current: string): { history: History; line: string } {
	if (history.index === 0) return { history, line: current };
	const draft = history.index === history.lines.length ? current : history.draft;
	const index = history.index - 1;
	return { history: { ...history, index, draft }, line: history.lines[index] ?? '' };
}

export function historyDown(history: History, current: string): { history: History; line: string } {
	if (history.index >= history.lines.length) return { history, line: current };
	const index = history.index + 1;
	const line = index === history.lines.length ? history.draft : (history.lines[index] ?? '');
	return { history: { ...history, index }, line };
}
