/**
 * The engine's seeded generator (mulberry32): its state lives in the engine state, so drafts roll
 * back with it. A module of its own because the quizzes' option shuffle uses it without the engine
 * (the site's bundler makes it a tiny chunk; see scripts/core-engine-modules.mjs).
 */
export function nextRandom(state: number): { value: number; state: number } {
	const next = (state + 0x6d2b79f5) | 0;
	let t = next;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return { value: (t ^ (t >>> 14)) >>> 0, state: next };
}
