/**
 * Every quiz builds with the rules engine, every computed key is re-checked independently against
 * the engine, every chapter quiz has the required mix of kinds, every anchor and misconception it
 * links exists in its chapter, and every `<Misconception id>` of a chapter is tested by a question.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAPTER_SLUGS } from '../../src/i18n/sidebar.ts';
import { buildQuiz, normalizeOutput } from '../../src/quiz/build.ts';
import { createEngine, quizBuildContext } from '../../src/quiz/engine.ts';
import { checkGoal } from '../../src/quiz/goals.ts';
import { gradeCommand, runLines, scriptLines } from '../../src/quiz/grade.ts';
import { quizFiles } from './quiz-helpers.ts';

const files = quizFiles();

function chapterSource(chapter: string, lang: 'ko' | 'en'): string {
	return readFileSync(`content/docs/${lang === 'en' ? 'en/' : ''}${chapter}.mdx`, 'utf8');
}
const anchorsOf = (source: string) => new Set([...source.matchAll(/\{#([a-z][a-z0-9-]*)\}/g)].map((m) => m[1]));
const misconceptionsOf = (source: string) => new Set([...source.matchAll(/<Misconception\s[^>]*?\bid="([^"]+)"/g)].map((m) => m[1] as string));

it('there is one quiz per chapter, named after it', () => {
	expect(files.map((f) => f.chapter)).toEqual([...CHAPTER_SLUGS].sort());
	for (const { chapter, quiz } of files) expect(quiz.chapter).toBe(chapter);
});

it('the exam draws at least 30 questions from all chapters', () => {
	expect(files.reduce((sum, { quiz }) => sum + quiz.questions.length, 0)).toBeGreaterThanOrEqual(30);
});

for (const { file, chapter, quiz } of files) {
	describe(file, () => {
		const built = buildQuiz(quiz, quizBuildContext(), file);

		it('has ≥ 6 questions, ≥ 2 predict-the-outcome and ≥ 1 write-the-command', () => {
			const kinds = quiz.questions.map((q) => q.kind);
			expect(kinds.length).toBeGreaterThanOrEqual(6);
			expect(kinds.filter((kind) => kind === 'predict').length).toBeGreaterThanOrEqual(2);
			expect(kinds.filter((kind) => kind === 'command').length).toBeGreaterThanOrEqual(1);
		});

		it('every computed key matches the engine (checked again here, independently of the build)', () => {
			for (const [index, question] of quiz.questions.entries()) {
				const result = built.questions[index];
				if (question.kind === 'predict') {
					const engine = createEngine(question.dockerVersion ? { seed: 1, dockerVersion: question.dockerVersion } : { seed: 1 });
					runLines(engine, scriptLines(question.script));
					let truth: string | boolean;
					if ('goal' in question.probe) truth = checkGoal(engine.snapshot(), question.probe.goal).ok;
					else if ('stdout' in question.probe) truth = normalizeOutput(engine.exec(question.probe.stdout).stdout);
					else truth = engine.exec(question.probe.succeeds).exitCode === 0;
					const expected = question.options.filter((o) => (typeof truth === 'string' ? normalizeOutput(o.output ?? '') === truth : o.value === truth)).map((o) => o.id);
					expect(result?.correct, `${question.id}`).toEqual(expected);
					if (question.expect) expect(result?.correct).toEqual([question.expect]);
				} else if (question.kind === 'command') {
					const task = { setup: question.setup, goal: question.goal, dockerVersion: question.dockerVersion };
					expect(gradeCommand(task, question.solution, createEngine).correct, `${question.id}: solution`).toBe(true);
					expect(gradeCommand(task, '', createEngine).correct, `${question.id}: setup alone must not pass`).toBe(false);
				} else {
					expect(result?.correct.length, `${question.id}`).toBeGreaterThan(0);
				}
			}
		});

		it('every question explains every option and has a stable hash', () => {
			for (const question of built.questions) {
				expect(question.hash).toMatch(/^[0-9a-f]{8}$/);
				for (const option of question.options) {
					expect(option.why.ko).toMatch(/\S/);
					expect(option.why.en).toMatch(/\S/);
				}
			}
			expect(buildQuiz(quiz, quizBuildContext(), file).questions.map((q) => q.hash)).toEqual(built.questions.map((q) => q.hash));
		});

		it('links only anchors and misconceptions that exist in the chapter, in both languages', () => {
			for (const lang of ['ko', 'en'] as const) {
				const source = chapterSource(chapter, lang);
				const anchors = anchorsOf(source);
				const misconceptions = misconceptionsOf(source);
				for (const question of quiz.questions) {
					const anchor = question.anchor.replace(/^misconception-/, '');
					expect(question.anchor.startsWith('misconception-') ? misconceptions.has(anchor) : anchors.has(anchor), `${lang} ${question.id}: #${question.anchor}`).toBe(true);
					for (const id of question.misconceptions) expect(misconceptions.has(id), `${lang} ${question.id}: misconception ${id}`).toBe(true);
				}
			}
		});

		it('covers every misconception of the chapter', () => {
			const covered = new Set(quiz.questions.flatMap((q) => q.misconceptions));
			const missing = [...misconceptionsOf(chapterSource(chapter, 'ko'))].filter((id) => !covered.has(id));
			expect(missing, `misconceptions in content/docs/${chapter}.mdx that no question of ${file} tests`).toEqual([]);
		});
	});
}
