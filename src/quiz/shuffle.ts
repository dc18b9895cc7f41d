/**
 * Per-learner option order: a seeded Fisher–Yates shuffle. The seed is the learner's random id plus
 * the question key, so each learner sees a stable order on every visit, and different learners (and
 * questions) see different ones. Pure; the browser supplies the learner id. The generator is the
 * engine's own seeded one (mulberry32).
 */
import { nextRandom } from '../rules/core.ts';
import { contentHash } from '../stores/progress-codec.ts';

/** A stable permutation of `items` for this learner and this key. */
export function shuffled<T>(items: readonly T[], learnerId: string, key: string): T[] {
	let state = Number.parseInt(contentHash(`${learnerId}|${key}`), 16);
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const step = nextRandom(state);
		state = step.state;
		const j = Math.floor((step.value / 4294967296) * (i + 1));
		[out[i], out[j]] = [out[j] as T, out[i] as T];
	}
	return out;
}
