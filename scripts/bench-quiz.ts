/**
 * How long grading a written command takes once the engine has loaded (issue 4 budget: < 5 ms).
 *
 * For every write-the-command question of every quiz, grades its reference answer, each accepted
 * form and each near miss many times (a fresh engine, the setup, the learner's lines, the goal —
 * exactly what the page does) and prints p50 / p99 / max per question as a markdown table, plus the
 * build time of all quizzes. It reports; it never fails on a time. Usage: npx tsx scripts/bench-quiz.ts [--runs N]
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildQuiz } from '../src/quiz/build.ts';
import { createEngine, quizBuildContext } from '../src/quiz/engine.ts';
import { gradeCommand } from '../src/quiz/grade.ts';
import { quizFiles } from '../tests/unit/quiz-helpers.ts';

const TARGET_MS = 5;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const ms = (value: number) => value.toFixed(3);

const buildStart = performance.now();
const files = quizFiles();
for (const { file, quiz } of files) buildQuiz(quiz, quizBuildContext(), file);
const buildMs = performance.now() - buildStart;

const rows: string[] = [];
let worstP99 = 0;
for (const { quiz } of files) {
	for (const question of quiz.questions) {
		if (question.kind !== 'command') continue;
		const task = { setup: question.setup, goal: question.goal, dockerVersion: question.dockerVersion };
		const answers = [question.solution, ...question.accept, ...question.nearMisses.map((miss) => miss.answer)];
		for (let i = 0; i < 20; i++) for (const answer of answers) gradeCommand(task, answer, createEngine); // warm up
		const times: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			for (const answer of answers) {
				const start = performance.now();
				gradeCommand(task, answer, createEngine);
				times.push(performance.now() - start);
			}
		}
		times.sort((a, b) => a - b);
		const p99 = percentile(times, 99);
		worstP99 = Math.max(worstP99, p99);
		rows.push(`| ${quiz.chapter}/${question.id} | ${answers.length} | ${ms(percentile(times, 50))} | ${ms(p99)} | ${ms(times[times.length - 1] ?? 0)} |`);
	}
}

console.log(`Grading a written command (fresh engine + setup + answer + goal), ${RUNS} runs per answer form, Node ${process.version}`);
console.log(`load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores (a busy machine inflates p99 and max)\n`);
console.log('| question | forms | p50 ms | p99 ms | max ms |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\nworst p99: ${ms(worstP99)} ms (target < ${TARGET_MS} ms): ${worstP99 < TARGET_MS ? 'met' : 'NOT met'}`);
console.log(`building every quiz (all keys computed by the engine): ${ms(buildMs)} ms`);
