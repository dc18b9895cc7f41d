/**
 * Every quiz of the site, built once per build (cached): the `quizzes` collection, validated by its
 * schema, with answer keys computed by the rules engine (`src/quiz/build.ts`). Components render
 * from this; nothing here runs in the browser.
 */
import { getCollection } from 'astro:content';
import { CHAPTER_SLUGS, type ChapterSlug } from '../../i18n/sidebar.ts';
import { buildQuiz, type BuiltQuestion, type BuiltQuiz } from '../../quiz/build.ts';
import { quizBuildContext } from '../../quiz/engine.ts';

let cache: Promise<Map<string, BuiltQuiz>> | undefined;

async function buildAll(): Promise<Map<string, BuiltQuiz>> {
	const entries = await getCollection('quizzes');
	const built = new Map<string, BuiltQuiz>();
	for (const entry of entries) {
		if (entry.data.chapter !== entry.id) {
			throw new Error(`content/quizzes/${entry.id}.yaml: chapter is "${entry.data.chapter}" but the file is named "${entry.id}.yaml"`);
		}
		built.set(entry.id, buildQuiz(entry.data, quizBuildContext()));
	}
	return built;
}

/** All built quizzes by chapter. */
export function allQuizzes(): Promise<Map<string, BuiltQuiz>> {
	cache ??= buildAll();
	return cache;
}

export async function quizFor(chapter: string): Promise<BuiltQuiz> {
	const quiz = (await allQuizzes()).get(chapter);
	if (!quiz) throw new Error(`No quiz for chapter "${chapter}" (expected content/quizzes/${chapter}.yaml)`);
	return quiz;
}

/** The exam: every chapter's questions, keyed `exam/<chapter>/<id>` so exam answers are stored apart. */
export async function examQuestions(): Promise<BuiltQuestion[]> {
	const quizzes = await allQuizzes();
	return CHAPTER_SLUGS.flatMap((slug) => (quizzes.get(slug)?.questions ?? []).map((question) => ({ ...question, key: `exam/${question.key}` })));
}

/** `{ chapter: [[key, hash], …] }` for every chapter quiz: what "chapter done" is computed from. */
export async function chapterCatalog(): Promise<Record<ChapterSlug, [string, string][]>> {
	const quizzes = await allQuizzes();
	return Object.fromEntries(CHAPTER_SLUGS.map((slug) => [slug, (quizzes.get(slug)?.questions ?? []).map((q) => [q.key, q.hash])])) as Record<ChapterSlug, [string, string][]>;
}
