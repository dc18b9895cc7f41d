/**
 * The one place where quizzes load the rules engine (`src/rules/`) itself: its public API and the
 * facts table. Build-time code and the lazily loaded command grader import from here.
 */
import { createEngine, type Engine } from '../rules/index.ts';
import { GENERAL_FACTS, MOUNT_FACTS } from '../rules/facts.ts';

export { createEngine, type Engine };

/**
 * What `holds: { fact: … }` paths resolve against: `<mountKind>.<factKey>` (e.g.
 * `anonymousVolume.removedByRmV`) and `general.<key>` (e.g. `general.commitIncludesVolumeData`).
 */
export const QUIZ_FACTS = { ...MOUNT_FACTS, general: GENERAL_FACTS };

/** What `buildQuiz` needs: the engine and the facts table. */
export function quizBuildContext(): { createEngine: typeof createEngine; facts: unknown } {
	return { createEngine, facts: QUIZ_FACTS };
}
