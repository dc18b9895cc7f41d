/**
 * The quiz file format (`content/quizzes/<chapter>.yaml`), as a zod schema. `src/content.config.ts`
 * uses it for the `quizzes` collection, so a malformed quiz fails the build with the path of the bad
 * field; `src/quiz/build.ts` then runs every script through the rules engine and fails the build
 * when an answer cannot be computed or disagrees with what the author declared.
 *
 * Korean and English sit side by side in every text (`{ ko, en }`). Inline `code` in backticks is
 * rendered as code; nothing else is interpreted.
 */
import { z } from 'astro/zod';
import { CHAPTER_SLUGS } from '../i18n/sidebar.ts';
import { GOAL_PROBLEM_KEYS, type Goal } from './goals.ts';

const KEBAB = /^[a-z0-9][a-z0-9-]*$/;
const kebab = (what: string) => z.string().regex(KEBAB, `${what} must be kebab-case ASCII (a-z, 0-9, -)`);

/** A text in both languages. */
export const localized = z
	.object({
		/** Korean (the root locale). */
		ko: z.string().trim().min(1, 'the Korean text is empty'),
		/** English. */
		en: z.string().trim().min(1, 'the English text is empty'),
	})
	.strict();
export type Localized = z.infer<typeof localized>;

const absolutePath = z.string().regex(/^\//, 'must be an absolute path (start with /)');
const place = z.union([z.literal('host'), z.object({ container: z.string().min(1) }).strict(), z.object({ volume: z.string().min(1) }).strict()]);

/** A goal predicate (see `src/quiz/goals.ts` for the language). */
export const goalSchema: z.ZodType<Goal> = z.lazy(() =>
	z.union([
		z.object({ all: z.array(goalSchema).min(1) }).strict(),
		z.object({ any: z.array(goalSchema).min(1) }).strict(),
		z.object({ container: z.object({ name: z.string().min(1), image: z.string().optional(), status: z.enum(['created', 'running', 'exited', 'any']).optional() }).strict() }).strict(),
		z.object({ noContainer: z.string().min(1) }).strict(),
		z
			.object({
				mount: z
					.object({
						container: z.string().min(1),
						destination: absolutePath,
						type: z.enum(['volume', 'bind', 'tmpfs']).optional(),
						volume: z.string().optional(),
						anonymous: z.boolean().optional(),
						source: absolutePath.optional(),
						readOnly: z.boolean().optional(),
						sameAs: z.object({ container: z.string().min(1), destination: absolutePath }).strict().optional(),
					})
					.strict(),
			})
			.strict(),
		z.object({ noMount: z.object({ container: z.string().min(1), destination: absolutePath }).strict() }).strict(),
		z.object({ volume: z.object({ name: z.string().min(1) }).strict() }).strict(),
		z.object({ noVolume: z.string().min(1) }).strict(),
		z.object({ volumes: z.object({ anonymous: z.boolean().optional(), dangling: z.boolean().optional(), count: z.number().int().min(0) }).strict() }).strict(),
		z
			.object({
				path: z
					.object({
						in: place,
						path: absolutePath,
						exists: z.boolean().optional(),
						type: z.enum(['file', 'dir']).optional(),
						content: z.string().optional(),
						entries: z.array(z.string()).optional(),
					})
					.strict(),
			})
			.strict(),
	]),
);

/** What the build observes after running a script: command output, success, or a goal. */
export const probeSchema = z.union([
	z
		.object({
			/** A command whose standard output is the answer (whitespace runs compare as one space). */
			stdout: z.string().min(1),
		})
		.strict(),
	z
		.object({
			/** A command whose success (exit code 0) is the answer: options carry `value: true/false`. */
			succeeds: z.string().min(1),
		})
		.strict(),
	z
		.object({
			/** A goal predicate whose truth is the answer: options carry `value: true/false`. */
			goal: goalSchema,
		})
		.strict(),
]);
export type Probe = z.infer<typeof probeSchema>;

/** Where a fact option's truth comes from: the facts table, a scenario run in the engine, or (last resort) a citation. */
export const truthSchema = z.union([
	z
		.object({
			/** Dotted path into `src/rules/facts.ts` (e.g. `anonymousVolume.removedByRmV`). */
			fact: z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9-]+)+$/, 'must be a dotted path into src/rules/facts.ts, e.g. anonymousVolume.removedByRmV'),
			/** The value the statement claims; the option is correct when the table agrees. */
			equals: z.union([z.string(), z.number(), z.boolean()]),
		})
		.strict(),
	z
		.object({
			/** Commands run on a fresh engine before the probe, one per line. */
			scenario: z.string().min(1),
			/** What is observed after the scenario. */
			probe: probeSchema,
			/** The observation the statement claims (text for `stdout`, true/false otherwise). */
			equals: z.union([z.string(), z.boolean()]),
		})
		.strict(),
	z
		.object({
			/**
			 * Only for what the engine cannot simulate (Docker Desktop's VM, remote engines, BuildKit):
			 * a citation key into ../shared/reference/docker-facts.md (e.g. `T17`, `4.4`, `§2.13`).
			 */
			cited: z.string().regex(/^(§?\d+(\.\d+)?|T\d\d)$/, 'must be a docker-facts.md key such as T17, 4.4 or §2.13'),
			/** Whether the statement is true according to that source. */
			value: z.boolean(),
		})
		.strict(),
]);
export type Truth = z.infer<typeof truthSchema>;

const baseQuestion = {
	/** Stable id, unique in the file; the stored answer key is `<chapter>/<id>`. */
	id: kebab('question id'),
	/** Heading anchor (or `misconception-<id>`) on the chapter page that teaches this; linked from the explanation. */
	anchor: z.string().regex(/^[a-z][a-z0-9-]*$/, 'anchor must be a heading id such as copy-up or misconception-anon-rm'),
	/** `<Misconception id>`s on the chapter page that this question tests (coverage is checked). */
	misconceptions: z.array(kebab('misconception id')).default([]),
	/** The question. */
	prompt: localized,
	/** Why the right answer is right (shown after answering or revealing, and in the no-JS `<details>`). */
	explanation: localized,
	/** Docker version the engine simulates for this question (default: current Docker, 29). */
	dockerVersion: z.enum(['29', '20.10']).optional(),
};

const optionBase = {
	/** Stable option id, unique within the question. */
	id: kebab('option id'),
	/** Why this option is right or wrong; shown for the options a learner picked and on reveal. */
	why: localized,
};

/** A fact question: single/multiple choice (true/false is single choice with two options). */
export const factQuestion = z
	.object({
		...baseQuestion,
		kind: z.literal('fact'),
		/** `single` (radio buttons) or `multiple` (checkboxes; every correct option must be picked). */
		select: z.enum(['single', 'multiple']).default('single'),
		/** Shown as code above the options (optional context). */
		script: z.string().optional(),
		/** The choices; each option's correctness is computed from its `holds`. */
		options: z
			.array(
				z
					.object({
						...optionBase,
						/** The option's text. */
						text: localized,
						/** The option is correct exactly when this holds. */
						holds: truthSchema,
					})
					.strict(),
			)
			.min(2, 'a question needs at least two options')
			.max(6, 'at most six options'),
	})
	.strict();

/** A predict-the-outcome question: a script, a probe, and authored options with real misconceptions. */
export const predictQuestion = z
	.object({
		...baseQuestion,
		kind: z.literal('predict'),
		/** The commands shown (highlighted) and run through the engine, one per line. */
		script: z.string().min(1, 'a predict question needs a script'),
		/** What the learner predicts; the build computes it. */
		probe: probeSchema,
		/** Optional: the option id the author expects; the build fails if the engine disagrees. */
		expect: kebab('expect').optional(),
		/** The choices; the one matching the engine's observation is correct. */
		options: z
			.array(
				z
					.object({
						...optionBase,
						/** The option's text; defaults to `output` shown as code. */
						text: localized.optional(),
						/** For `stdout` probes: the output this option predicts (`''` = prints nothing). */
						output: z.string().optional(),
						/** For `succeeds`/`goal` probes: the truth this option predicts. */
						value: z.boolean().optional(),
					})
					.strict(),
			)
			.min(2, 'a question needs at least two options')
			.max(6, 'at most six options'),
	})
	.strict();

/** A write-the-command question: a setup, and a goal on the state the learner's commands reach. */
export const commandQuestion = z
	.object({
		...baseQuestion,
		kind: z.literal('command'),
		/** Commands run before the learner's (shown as context), one per line. */
		setup: z.string().default(''),
		/** What the state must look like after the learner's commands. */
		goal: goalSchema,
		/** A reference answer (one or more lines); the build checks it reaches the goal. */
		solution: z.string().min(1),
		/** Other answers that must pass (equivalent forms); checked at build and in unit tests. */
		accept: z.array(z.string().min(1)).default([]),
		/** Near misses that must fail with the given feedback key; checked at build. */
		nearMisses: z.array(z.object({ answer: z.string().min(1), feedback: z.enum(GOAL_PROBLEM_KEYS) }).strict()).default([]),
	})
	.strict();

export const questionSchema = z.discriminatedUnion('kind', [factQuestion, predictQuestion, commandQuestion]);
export type Question = z.infer<typeof questionSchema>;
export type FactQuestion = z.infer<typeof factQuestion>;
export type PredictQuestion = z.infer<typeof predictQuestion>;
export type CommandQuestion = z.infer<typeof commandQuestion>;

/** One quiz file: a chapter's questions. */
export const quizFileSchema = z
	.object({
		/** The chapter this quiz belongs to; must match the file name. */
		chapter: z.enum(CHAPTER_SLUGS),
		/** The questions, in reading order. */
		questions: z.array(questionSchema).min(1, 'a quiz needs at least one question'),
	})
	.strict()
	.superRefine((quiz, ctx) => {
		const seen = new Set<string>();
		quiz.questions.forEach((question, index) => {
			if (seen.has(question.id)) ctx.addIssue({ code: 'custom', path: ['questions', index, 'id'], message: `duplicate question id "${question.id}"` });
			seen.add(question.id);
			const optionIds = new Set<string>();
			if (question.kind === 'command') return;
			question.options.forEach((option, optionIndex) => {
				const at = ['questions', index, 'options', optionIndex];
				if (optionIds.has(option.id)) ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `duplicate option id "${option.id}"` });
				optionIds.add(option.id);
				if (question.kind !== 'predict') return;
				const opt = option as { output?: string; value?: boolean; text?: Localized };
				if ('stdout' in question.probe && opt.output === undefined) {
					ctx.addIssue({ code: 'custom', path: [...at, 'output'], message: 'a stdout probe needs `output` on every option (the output it predicts)' });
				}
				if (!('stdout' in question.probe) && opt.value === undefined) {
					ctx.addIssue({ code: 'custom', path: [...at, 'value'], message: 'a succeeds/goal probe needs `value: true|false` on every option' });
				}
				if (opt.value !== undefined && !opt.text) ctx.addIssue({ code: 'custom', path: [...at, 'text'], message: 'an option with `value` needs a `text`' });
			});
			if (question.kind === 'predict' && question.expect !== undefined && !optionIds.has(question.expect)) {
				ctx.addIssue({ code: 'custom', path: ['questions', index, 'expect'], message: `expect "${question.expect}" is not one of the option ids (${[...optionIds].join(', ')})` });
			}
		});
	});
export type QuizFile = z.infer<typeof quizFileSchema>;

/** One line per problem: `questions.2.options.1.why.en: the English text is empty`. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
	return issues.map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
}
