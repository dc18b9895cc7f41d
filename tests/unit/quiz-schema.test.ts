/**
 * A malformed quiz file fails the build with messages that name the field and say what is wrong
 * (the same schema runs in `src/content.config.ts`); engine disagreements fail with both values.
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildQuiz, QuizBuildError } from '../../src/quiz/build.ts';
import { quizBuildContext } from '../../src/quiz/engine.ts';
import { formatIssues, quizFileSchema, type QuizFile } from '../../src/quiz/schema.ts';

describe('quiz schema', () => {
	it('reports every problem of a broken quiz with its path', () => {
		const result = quizFileSchema.safeParse(yaml.load(readFileSync('tests/fixtures/quizzes/broken.yaml', 'utf8')));
		expect(result.success).toBe(false);
		const messages = result.success ? [] : formatIssues(result.error.issues);
		expect(messages).toEqual(
			expect.arrayContaining([
				'questions.0.id: question id must be kebab-case ASCII (a-z, 0-9, -)',
				'questions.0.prompt.en: the English text is empty',
				'questions.0.options.1.holds.fact: must be a dotted path into src/rules/facts.ts, e.g. anonymousVolume.removedByRmV',
				'questions.2.goal.mount.destination: must be an absolute path (start with /)',
				expect.stringMatching(/^questions\.2\.nearMisses\.0\.feedback: /),
			]),
		);
	});

	it('checks what only the whole file can tell: duplicates, probe/option agreement, expect', () => {
		const data = yaml.load(readFileSync('tests/fixtures/quizzes/broken.yaml', 'utf8')) as { questions: Record<string, unknown>[] };
		// Keep only the problems the per-field schema cannot see.
		const q0 = { ...data.questions[0], id: 'ok-id', prompt: { ko: '질문', en: 'Question' }, options: (data.questions[0]?.['options'] as object[]).map((o) => ({ ...o, holds: { scenario: 'true', probe: { succeeds: 'true' }, equals: true } })) };
		const q2 = { ...data.questions[2], goal: { noVolume: 'x' }, nearMisses: [] };
		const result = quizFileSchema.safeParse({ ...data, questions: [q0, data.questions[1], q2] });
		expect(result.success).toBe(false);
		expect(result.success ? [] : formatIssues(result.error.issues)).toEqual([
			'questions.0.options.1.id: duplicate option id "one"',
			'questions.1.options.1.output: a stdout probe needs `output` on every option (the output it predicts)',
			'questions.1.expect: expect "missing" is not one of the option ids (a1, a2)',
			'questions.2.id: duplicate question id "predict-1"',
		]);
	});
});

const predict = (expectId: string): QuizFile => ({
	chapter: 'named',
	questions: [
		{
			id: 'ls',
			kind: 'predict',
			anchor: 'copy-up',
			misconceptions: [],
			prompt: { ko: '질문', en: 'Question' },
			explanation: { ko: '설명', en: 'Explanation' },
			script: 'docker volume create data',
			probe: { stdout: 'docker volume ls -q' },
			expect: expectId,
			options: [
				{ id: 'data', output: 'data', why: { ko: '이유', en: 'Why' } },
				{ id: 'none', output: '', text: { ko: '없음', en: 'None' }, why: { ko: '이유', en: 'Why' } },
			],
		},
	],
});

describe('quiz build', () => {
	it('fails with both values when the author expects another answer than the engine computes', () => {
		expect(() => buildQuiz(predict('none'), quizBuildContext(), 'named.yaml')).toThrow(
			new QuizBuildError('named.yaml › ls: the author expects option "none" ("") but the engine observed "data", which is option "data"'),
		);
		expect(buildQuiz(predict('data'), quizBuildContext()).questions[0]?.correct).toEqual(['data']);
	});

	it('fails when no option matches what the engine prints', () => {
		const quiz = predict('data');
		const question = quiz.questions[0] as Extract<QuizFile['questions'][number], { kind: 'predict' }>;
		question.script = 'docker volume create other';
		delete question.expect;
		expect(() => buildQuiz(quiz, quizBuildContext(), 'named.yaml')).toThrow(/engine observed "other", which matches 0 options \(none\); options: data="data", none=""/);
	});

	it('fails when a command question’s solution does not reach its goal, naming what is left', () => {
		const quiz: QuizFile = {
			chapter: 'named',
			questions: [
				{
					id: 'ro',
					kind: 'command',
					anchor: 'copy-up',
					misconceptions: [],
					prompt: { ko: '질문', en: 'Question' },
					explanation: { ko: '설명', en: 'Explanation' },
					setup: '',
					goal: { mount: { container: 'web', destination: '/data', readOnly: true } },
					solution: 'docker run -d --name web -v site:/data nginx',
					accept: [],
					nearMisses: [],
				},
			],
		};
		expect(() => buildQuiz(quiz, quizBuildContext(), 'named.yaml')).toThrow(/should reach the goal but the engine leaves: goal\.mount\.writable/);
	});
});
