/**
 * Grading, pure: choice answers against the computed key, and written commands run through the
 * rules engine and checked with a goal predicate on the state they reach. The page imports
 * `gradeChoice` eagerly (a few bytes) and this module's `gradeCommand` only through a dynamic
 * `import()`, together with the engine.
 */
import { checkGoal, type Goal, type GoalProblem } from './goals.ts';
import type { Engine } from './engine.ts';

export { gradeChoice } from './choice.ts';

/** Script lines to run: blank lines and `# comments` are skipped, a leading `$ ` prompt is dropped. */
export function scriptLines(script: string): string[] {
	return script
		.split(/\r?\n/)
		.map((line) => line.trim().replace(/^\$\s+/, ''))
		.filter((line) => line !== '' && !line.startsWith('#'));
}

/** One command as run, for the feedback transcript. */
export interface RunLine {
	line: string;
	exitCode: number;
	stdout: string;
	stderr: string;
}

/** Runs lines in order (a failing line does not stop the script: each is atomic in the engine). */
export function runLines(engine: Engine, lines: readonly string[]): RunLine[] {
	return lines.map((line) => ({ line, ...engine.exec(line) }));
}

export interface CommandTask {
	/** Commands run before the learner's. */
	setup: string;
	goal: Goal;
	dockerVersion?: '29' | '20.10' | undefined;
}

export type CommandGrade =
	| { correct: true; problems: []; run: RunLine[] }
	| { correct: false; problems: GoalProblem[]; run: RunLine[]; empty?: true };

/** A learner may type at most this much; more is cut (the engine never freezes, but the page shouldn't wait). */
export const MAX_ANSWER_LINES = 20;
export const MAX_ANSWER_LENGTH = 4000;

/**
 * Grades a written answer: a fresh engine (fixed seed, so ids are stable), the setup, the learner's
 * lines, then the goal on the resulting snapshot. Never throws.
 */
export function gradeCommand(task: CommandTask, answer: string, createEngine: (options: { seed: number; dockerVersion?: '29' | '20.10' }) => Engine): CommandGrade {
	const lines = scriptLines(answer.slice(0, MAX_ANSWER_LENGTH)).slice(0, MAX_ANSWER_LINES);
	const engine = createEngine(task.dockerVersion ? { seed: 1, dockerVersion: task.dockerVersion } : { seed: 1 });
	runLines(engine, scriptLines(task.setup));
	const run = runLines(engine, lines);
	const result = checkGoal(engine.snapshot(), task.goal);
	if (result.ok) return { correct: true, problems: [], run };
	return lines.length === 0 ? { correct: false, problems: result.problems, run, empty: true } : { correct: false, problems: result.problems, run };
}
