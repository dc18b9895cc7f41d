/** Reads and validates the quiz files the way the build does (for the quiz unit tests). */
import { readdirSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { quizFileSchema, type QuizFile } from '../../src/quiz/schema.ts';

export const QUIZ_DIR = 'content/quizzes';

export function quizFiles(): { file: string; chapter: string; quiz: QuizFile }[] {
	return readdirSync(QUIZ_DIR)
		.filter((name) => name.endsWith('.yaml'))
		.sort()
		.map((name) => {
			const file = `${QUIZ_DIR}/${name}`;
			const parsed = quizFileSchema.safeParse(yaml.load(readFileSync(file, 'utf8')));
			if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
			return { file, chapter: name.replace(/\.yaml$/, ''), quiz: parsed.data };
		});
}
