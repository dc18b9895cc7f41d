/**
 * A lab session: an engine, the setup that builds its start state (a level's or a chapter preset's
 * commands) and what the learner ran since. The engine is deterministic, so `undo` is "replay
 * everything but the last command" and a share link is just the list of commands.
 *
 * Lab words (`reset`, `undo`, `clear`, `help`) are handled here, before the engine sees the line.
 */
import { LAB_SEED, type DockerVersion, type EngineFactory, type ExecResult, type ExtensionName, type LabEngine, type Snapshot } from './engine-port.ts';

export interface Entry {
	readonly command: string;
	readonly result: ExecResult;
	/** Run by the level or preset, not typed by the learner (not counted, not undoable). */
	readonly setup: boolean;
}

export const LAB_WORDS = ['clear', 'help', 'reset', 'undo'] as const;
export type LabWord = (typeof LAB_WORDS)[number];

export type LineOutcome =
	| { readonly kind: 'exec'; readonly entry: Entry }
	/** The line needs an engine extension that is not loaded yet: nothing ran; load it and run the line again. */
	| { readonly kind: 'needs'; readonly extension: ExtensionName }
	/** A blank or comment-only line: shown, not run, not counted. */
	| { readonly kind: 'skip'; readonly line: string }
	| { readonly kind: 'reset' }
	| { readonly kind: 'undo'; readonly undone: string | undefined }
	| { readonly kind: 'clear' }
	| { readonly kind: 'help' };

export interface SessionOptions {
	readonly createEngine: EngineFactory;
	readonly setup?: readonly string[];
	readonly dockerVersion?: DockerVersion;
}

/** Lines of a pasted script; a trailing newline does not make an extra empty command. */
export function scriptLines(text: string): string[] {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
	return lines;
}

export function labWordOf(line: string): LabWord | undefined {
	const word = line.trim();
	return LAB_WORDS.find((known) => known === word);
}

export class LabSession {
	readonly setup: readonly string[];
	readonly dockerVersion: DockerVersion;
	private readonly factory: EngineFactory;
	private engine: LabEngine;
	private setupRun: Entry[] = [];
	private typed: Entry[] = [];

	constructor(options: SessionOptions) {
		this.factory = options.createEngine;
		this.setup = options.setup ?? [];
		this.dockerVersion = options.dockerVersion ?? '29';
		this.engine = this.start();
	}

	/** The setup's entries, then the learner's. */
	get entries(): readonly Entry[] {
		return [...this.setupRun, ...this.typed];
	}

	/** What the learner ran (and did not undo), in order. */
	get commands(): string[] {
		return this.typed.map((entry) => entry.command);
	}

	get commandCount(): number {
		return this.typed.length;
	}

	snapshot(): Snapshot {
		return this.engine.snapshot();
	}

	/** Runs one line as typed at the prompt. */
	run(line: string): LineOutcome {
		const word = labWordOf(line);
		if (word === 'reset') {
			this.replay([]);
			return { kind: 'reset' };
		}
		if (word === 'undo') return { kind: 'undo', undone: this.undo() };
		if (word === 'clear' || word === 'help') return { kind: word };
		const trimmed = line.trim();
		if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'skip', line };
		const result = this.engine.exec(line);
		if (result.needs !== undefined) return { kind: 'needs', extension: result.needs };
		const entry: Entry = { command: line, result, setup: false };
		this.typed.push(entry);
		return { kind: 'exec', entry };
	}

	/** Runs a pasted script line by line. */
	runScript(text: string): LineOutcome[] {
		return scriptLines(text).map((line) => this.run(line));
	}

	/** Removes the last command by replaying all the others on a fresh engine. */
	undo(): string | undefined {
		const last = this.typed[this.typed.length - 1];
		if (last === undefined) return undefined;
		this.replay(this.commands.slice(0, -1));
		return last.command;
	}

	/** A fresh engine with the setup, then `commands` (lab words among them are honoured). */
	replay(commands: readonly string[]): void {
		this.engine = this.start();
		for (const command of commands) this.run(command);
	}

	private start(): LabEngine {
		const engine = this.factory({ seed: LAB_SEED, dockerVersion: this.dockerVersion });
		this.setupRun = this.setup.map((command) => ({ command, result: engine.exec(command), setup: true }));
		this.typed = [];
		return engine;
	}
}
