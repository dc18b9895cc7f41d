/**
 * Progress share links, `#progress=1.<base64url(compact JSON)>`: a module of its own so that only
 * the progress page loads it (every page loads the progress store, progress-codec.ts). Decoding is
 * total, as in progress-codec.ts: a typed problem, never an exception.
 */
import { isRecord, MAX_ENCODED_LENGTH, PROGRESS_VERSION, progressFrom, type Decoded, type Progress } from './progress-codec.ts';

export const SHARE_PARAM = 'progress';

function toBase64Url(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | undefined {
	if (!/^[A-Za-z0-9_-]*$/.test(encoded)) return undefined;
	try {
		const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
		const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

/**
 * A compact, versioned form for URLs: `{q: [[id, hash, attempts, correct, revealed]], l: [[id, best]], n}`
 * with 0/1 for booleans.
 */
export function encodeShare(progress: Progress): string {
	const compact: Record<string, unknown> = {
		q: Object.entries(progress.questions).map(([id, r]) => [id, r.hash, r.attempts, r.correct ? 1 : 0, r.revealed ? 1 : 0]),
		l: Object.entries(progress.levels).map(([id, r]) => [id, r.best]),
	};
	if (progress.name) compact['n'] = progress.name;
	return `${PROGRESS_VERSION}.${toBase64Url(JSON.stringify(compact))}`;
}

export function decodeShare(fragmentValue: string): Decoded<Progress> {
	if (fragmentValue.length > MAX_ENCODED_LENGTH) return { ok: false, problem: 'too-large' };
	const dot = fragmentValue.indexOf('.');
	if (dot < 1) return { ok: false, problem: 'malformed' };
	if (fragmentValue.slice(0, dot) !== String(PROGRESS_VERSION)) return { ok: false, problem: 'version' };
	const json = fromBase64Url(fragmentValue.slice(dot + 1));
	if (json === undefined) return { ok: false, problem: 'malformed' };
	let compact: unknown;
	try {
		compact = JSON.parse(json);
	} catch {
		return { ok: false, problem: 'malformed' };
	}
	if (!isRecord(compact) || !Array.isArray(compact['q']) || !Array.isArray(compact['l'])) return { ok: false, problem: 'malformed' };
	const questions: Record<string, unknown> = {};
	for (const row of compact['q']) {
		if (!Array.isArray(row) || row.length !== 5 || typeof row[0] !== 'string') continue;
		questions[row[0]] = { hash: row[1], attempts: row[2], correct: row[3] === 1, revealed: row[4] === 1 };
	}
	const levels: Record<string, unknown> = {};
	for (const row of compact['l']) {
		if (Array.isArray(row) && row.length === 2 && typeof row[0] === 'string') levels[row[0]] = { best: row[1] };
	}
	return progressFrom({ version: PROGRESS_VERSION, questions, levels, name: compact['n'] });
}

/** Reads the share parameter out of a URL fragment (`#progress=…`), if any. */
export function shareValueFromHash(hash: string): string | undefined {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	return params.get(SHARE_PARAM) ?? undefined;
}
