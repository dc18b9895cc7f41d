/**
 * Where build-time quiz code loads the rules engine (`src/rules/`): the full engine (every extension
 * registered) and the facts table. The browser's command grader (components/quiz/command-grader.ts)
 * uses the core engine instead, and loads extensions as a question needs them.
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
