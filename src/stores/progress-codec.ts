/**
 * The saved-progress format and the decoders that read it from outside the page: localStorage and
 * imported JSON files (share links: progress-share.ts, loaded by the progress page only). Pure and total: decoders never throw, they
 * return a typed problem that the UI turns into a message, and the caller starts clean.
 */

/** One answered question. `hash` ties the record to the question's current wording. */
export interface QuestionRecord {
	/** Short hash of the question as it was answered; a changed question ignores old records. */
	hash: string;
	/** How many times the learner submitted an answer. */
	attempts: number;
	/** Whether the latest submitted answer was right. */
	correct: boolean;
	/** The learner asked to see the answers (ends retries for that quiz). */
	revealed: boolean;
}

/** One Volume Lab level. */
export interface LevelRecord {
	/** Fewest commands the learner needed to reach the goal. */
	best: number;
}

export interface Progress {
	version: 1;
	/** Keyed by `quizId/questionId` (exam answers use `exam/…`). */
	questions: Record<string, QuestionRecord>;
	/** Keyed by level id. */
	levels: Record<string, LevelRecord>;
	/** Optional display name the learner adds before sharing. */
	name?: string;
}

export type DecodeProblem = 'malformed' | 'version' | 'too-large';
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: DecodeProblem };

export const PROGRESS_VERSION = 1;
/** Far above any real progress (a few KB); protects the page from pathological input. */
export const MAX_ENCODED_LENGTH = 200_000;
const MAX_ATTEMPTS = 1_000_000;
const ID = /^[a-z0-9][a-z0-9/_:.-]{0,120}$/;
const HASH = /^[0-9a-f]{1,16}$/;

export function emptyProgress(): Progress {
	return { version: 1, questions: {}, levels: {} };
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown, max: number): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

function cleanName(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	// eslint-disable-next-line no-control-regex -- strip control characters from a display name
	const name = value.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 80);
	return name || undefined;
}

/**
 * Shape-checks an untrusted value as Progress. Unknown or invalid entries are dropped one by one
 * (a single bad record does not wipe the rest); a wrong version or a non-object is a problem.
 */
export function progressFrom(value: unknown): Decoded<Progress> {
	if (!isRecord(value)) return { ok: false, problem: 'malformed' };
	if (value['version'] !== PROGRESS_VERSION) return { ok: false, problem: 'version' };
	const progress = emptyProgress();
	const questions = isRecord(value['questions']) ? value['questions'] : {};
	for (const [id, record] of Object.entries(questions)) {
		if (!ID.test(id) || !isRecord(record)) continue;
		const { hash, attempts, correct, revealed } = record;
		if (typeof hash !== 'string' || !HASH.test(hash) || !isCount(attempts, MAX_ATTEMPTS)) continue;
		if (typeof correct !== 'boolean' || typeof revealed !== 'boolean') continue;
		progress.questions[id] = { hash, attempts, correct, revealed };
	}
	const levels = isRecord(value['levels']) ? value['levels'] : {};
	for (const [id, record] of Object.entries(levels)) {
		if (!ID.test(id) || !isRecord(record) || !isCount(record['best'], MAX_ATTEMPTS) || record['best'] < 1) continue;
		progress.levels[id] = { best: record['best'] };
	}
	const name = cleanName(value['name']);
	if (name) progress.name = name;
	return { ok: true, value: progress };
}

/** Parses stored or imported JSON text. */
export function decodeProgressJson(text: string): Decoded<Progress> {
	if (text.length > MAX_ENCODED_LENGTH) return { ok: false, problem: 'too-large' };
	try {
		return progressFrom(JSON.parse(text));
	} catch {
		return { ok: false, problem: 'malformed' };
	}
}

export function encodeProgressJson(progress: Progress): string {
	return JSON.stringify(progress);
}

/**
 * A stable short hash (FNV-1a, 32 bit, hex) of a question's canonical content, computed at build
 * time and embedded in the page; stored answers with another hash belong to an older wording.
 */
export function contentHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}
