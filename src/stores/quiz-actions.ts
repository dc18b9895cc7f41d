/** The quizzes' changes to `$progress` (see progress.ts). */
import { $progress, questionRecord } from './progress.ts';

export function recordAnswer(id: string, hash: string, correct: boolean): void {
	const progress = $progress.get();
	const previous = questionRecord(progress, id, hash);
	$progress.set({
		...progress,
		questions: {
			...progress.questions,
			[id]: { hash, attempts: (previous?.attempts ?? 0) + 1, correct, revealed: previous?.revealed ?? false },
		},
	});
}

/** Marks questions as revealed ("show answers"), which ends retries for them. */
export function recordReveal(questions: readonly { id: string; hash: string }[]): void {
	const progress = $progress.get();
	const next = { ...progress.questions };
	for (const { id, hash } of questions) {
		const previous = questionRecord(progress, id, hash);
		next[id] = { hash, attempts: previous?.attempts ?? 0, correct: previous?.correct ?? false, revealed: true };
	}
	$progress.set({ ...progress, questions: next });
}

/** Forgets the answers of some questions (a quiz's "start over"). */
export function forgetQuestions(ids: readonly string[]): void {
	const progress = $progress.get();
	const next = { ...progress.questions };
	for (const id of ids) delete next[id];
	$progress.set({ ...progress, questions: next });
}
