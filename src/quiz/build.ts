/**
 * Builds a quiz file into what the page renders: every answer key computed by the rules engine (or
 * read from `src/rules/facts.ts`), never hand-typed. Runs at build time (the quiz components call
 * it) and in unit tests. Anything the engine cannot decide, or decides differently from what the
 * author declared, throws a `QuizBuildError` that names the file, the question and both values,
 * which fails the build.
 */
import { contentHash } from '../stores/progress-codec.ts';
import { checkGoal } from './goals.ts';
import { gradeCommand, runLines, scriptLines } from './grade.ts';
import type { Engine } from './engine.ts';
import type { CommandQuestion, FactQuestion, Localized, PredictQuestion, Probe, Question, QuizFile, Truth } from './schema.ts';

export interface BuildContext {
	createEngine: (options: { seed: number; dockerVersion?: '29' | '20.10' }) => Engine;
	/** The facts table (`src/rules/facts.ts`), for `holds: { fact: … }`. */
	facts: unknown;
}

export interface BuiltOption {
	id: string;
	text?: Localized | undefined;
	/** Predicted output (stdout probes), rendered as code when there is no `text`. */
	output?: string | undefined;
	why: Localized;
	correct: boolean;
}

export interface BuiltQuestion {
	/** Progress key: `<chapter>/<id>`. */
	key: string;
	chapter: string;
	id: string;
	kind: Question['kind'];
	/** How options are picked (`command` questions have none). */
	select: 'single' | 'multiple' | 'command';
	/** Hash of the question's wording and key; a stored answer with another hash is ignored. */
	hash: string;
	anchor: string;
	misconceptions: string[];
	prompt: Localized;
	explanation: Localized;
	/** Commands shown above the question (predict script, fact context, command setup). */
	script?: string | undefined;
	options: BuiltOption[];
	/** Correct option ids (empty for `command`). */
	correct: string[];
	/** What the engine printed for a stdout probe (shown with the answer). */
	observed?: string | undefined;
	/** For `command`: what the grader needs in the browser. */
	task?: { setup: string; goal: CommandQuestion['goal']; dockerVersion?: '29' | '20.10' | undefined; solution: string } | undefined;
}

export interface BuiltQuiz {
	chapter: string;
	questions: BuiltQuestion[];
}

export class QuizBuildError extends Error {
	override name = 'QuizBuildError';
}

/** Whitespace runs compare as one space; leading and trailing whitespace is ignored. */
export const normalizeOutput = (text: string): string => text.replace(/\s+/g, ' ').trim();

const show = (value: unknown): string => JSON.stringify(value);

function freshEngine(context: BuildContext, dockerVersion: '29' | '20.10' | undefined): Engine {
	return context.createEngine(dockerVersion ? { seed: 1, dockerVersion } : { seed: 1 });
}

/** Runs a script and observes the probe: normalised stdout, or a boolean. */
function observe(context: BuildContext, script: string, probe: Probe, dockerVersion: '29' | '20.10' | undefined): string | boolean {
	const engine = freshEngine(context, dockerVersion);
	runLines(engine, scriptLines(script));
	if ('goal' in probe) return checkGoal(engine.snapshot(), probe.goal).ok;
	const line = scriptLines('stdout' in probe ? probe.stdout : probe.succeeds)[0] ?? '';
	const result = engine.exec(line);
	return 'stdout' in probe ? normalizeOutput(result.stdout) : result.exitCode === 0;
}

function lookupFact(facts: unknown, path: string): { found: true; value: unknown } | { found: false } {
	let value: unknown = facts;
	for (const seg of path.split('.')) {
		if (typeof value !== 'object' || value === null || !Object.hasOwn(value, seg)) return { found: false };
		value = (value as Record<string, unknown>)[seg];
	}
	// A fact may be a record with the value and its citation.
	if (typeof value === 'object' && value !== null && 'value' in value) value = (value as { value: unknown }).value;
	return { found: true, value };
}

function truthOf(context: BuildContext, truth: Truth, where: string, dockerVersion: '29' | '20.10' | undefined): boolean {
	if ('fact' in truth) {
		const fact = lookupFact(context.facts, truth.fact);
		if (!fact.found) throw new QuizBuildError(`${where}: no fact "${truth.fact}" in src/rules/facts.ts`);
		return fact.value === truth.equals;
	}
	if ('cited' in truth) return truth.value;
	const observed = observe(context, truth.scenario, truth.probe, dockerVersion);
	const claimed = typeof truth.equals === 'string' ? normalizeOutput(truth.equals) : truth.equals;
	if (typeof observed !== typeof claimed) {
		throw new QuizBuildError(`${where}: the probe gives ${typeof observed} (${show(observed)}) but equals is ${typeof claimed} (${show(claimed)})`);
	}
	return observed === claimed;
}

/** Canonical text of what the learner sees and what decides the answer (not the explanations). */
function hashOf(question: Question): string {
	const { explanation: _e, misconceptions: _m, anchor: _a, ...rest } = question;
	const stripped = 'options' in rest ? { ...rest, options: rest.options.map(({ why: _w, ...option }) => option) } : rest;
	return contentHash(JSON.stringify(stripped));
}

function base(chapter: string, question: Question) {
	return {
		key: `${chapter}/${question.id}`,
		chapter,
		id: question.id,
		kind: question.kind,
		hash: hashOf(question),
		anchor: question.anchor,
		misconceptions: question.misconceptions,
		prompt: question.prompt,
		explanation: question.explanation,
	};
}

function buildFact(context: BuildContext, chapter: string, question: FactQuestion, where: string): BuiltQuestion {
	const options = question.options.map((option) => ({
		id: option.id,
		text: option.text,
		why: option.why,
		correct: truthOf(context, option.holds, `${where} option "${option.id}"`, question.dockerVersion),
	}));
	const correct = options.filter((option) => option.correct).map((option) => option.id);
	if (question.select === 'single' && correct.length !== 1) {
		throw new QuizBuildError(`${where}: a single-choice question needs exactly one true option, the engine/facts make ${correct.length} true (${correct.join(', ') || 'none'})`);
	}
	if (correct.length === 0) throw new QuizBuildError(`${where}: no option is true according to the engine/facts`);
	return { ...base(chapter, question), select: question.select, script: question.script, options, correct };
}

function buildPredict(context: BuildContext, chapter: string, question: PredictQuestion, where: string): BuiltQuestion {
	const observed = observe(context, question.script, question.probe, question.dockerVersion);
	const matches = question.options.filter((option) =>
		typeof observed === 'string' ? normalizeOutput(option.output ?? '') === observed : option.value === observed,
	);
	const described = question.options.map((option) => `${option.id}=${show(option.output ?? option.value)}`).join(', ');
	if (matches.length !== 1) {
		throw new QuizBuildError(
			`${where}: the engine observed ${show(observed)}, which matches ${matches.length} options (${matches.map((option) => option.id).join(', ') || 'none'}); options: ${described}`,
		);
	}
	const [match] = matches as [PredictQuestion['options'][number]];
	if (question.expect !== undefined && question.expect !== match.id) {
		const expected = question.options.find((option) => option.id === question.expect);
		throw new QuizBuildError(
			`${where}: the author expects option "${question.expect}" (${show(expected?.output ?? expected?.value)}) but the engine observed ${show(observed)}, which is option "${match.id}"`,
		);
	}
	return {
		...base(chapter, question),
		select: 'single',
		script: question.script,
		options: question.options.map((option) => ({ id: option.id, text: option.text, output: option.output, why: option.why, correct: option.id === match.id })),
		correct: [match.id],
		observed: typeof observed === 'string' ? observed : undefined,
	};
}

function buildCommand(context: BuildContext, chapter: string, question: CommandQuestion, where: string): BuiltQuestion {
	const task = { setup: question.setup, goal: question.goal, dockerVersion: question.dockerVersion };
	const describe = (problems: { key: string; params: object }[]) => problems.map((p) => `${p.key} ${show(p.params)}`).join('; ');
	const before = gradeCommand(task, '', context.createEngine);
	if (before.correct) throw new QuizBuildError(`${where}: the goal already holds after the setup alone; the learner has nothing to do`);
	for (const answer of [question.solution, ...question.accept]) {
		const grade = gradeCommand(task, answer, context.createEngine);
		if (!grade.correct) {
			const failed = grade.run.filter((line) => line.exitCode !== 0).map((line) => `"${line.line}" → ${line.exitCode} ${line.stderr.trim()}`);
			throw new QuizBuildError(`${where}: ${show(answer)} should reach the goal but the engine leaves: ${describe(grade.problems)}${failed.length ? ` (failed: ${failed.join(' | ')})` : ''}`);
		}
	}
	for (const miss of question.nearMisses) {
		const grade = gradeCommand(task, miss.answer, context.createEngine);
		if (grade.correct) throw new QuizBuildError(`${where}: near miss ${show(miss.answer)} reaches the goal, but it should fail with ${miss.feedback}`);
		if (!grade.problems.some((problem) => problem.key === miss.feedback)) {
			throw new QuizBuildError(`${where}: near miss ${show(miss.answer)} should fail with ${miss.feedback}, the engine says: ${describe(grade.problems)}`);
		}
	}
	return { ...base(chapter, question), select: 'command', script: question.setup || undefined, options: [], correct: [], task: { ...task, solution: question.solution } };
}

/** Builds every question of a quiz file; `file` names the source in error messages. */
export function buildQuiz(quiz: QuizFile, context: BuildContext, file = `content/quizzes/${quiz.chapter}.yaml`): BuiltQuiz {
	const questions = quiz.questions.map((question) => {
		const where = `${file} › ${question.id}`;
		if (question.kind === 'fact') return buildFact(context, quiz.chapter, question, where);
		if (question.kind === 'predict') return buildPredict(context, quiz.chapter, question, where);
		return buildCommand(context, quiz.chapter, question, where);
	});
	return { chapter: quiz.chapter, questions };
}
