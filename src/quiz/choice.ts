/**
 * Grading a choice answer: right when exactly the correct options were picked, in any order. Its own
 * module so that chapter pages can grade without loading the engine (`grade.ts` imports it).
 */
export function gradeChoice(picked: readonly string[], correct: readonly string[]): boolean {
	const set = new Set(picked);
	return set.size === correct.length && correct.every((id) => set.has(id));
}
