/**
 * Share links for lab sessions: the session's commands in the URL fragment, so a link can be opened
 * anywhere without a server ("run this and look at the diagram").
 *
 *   #lab=1.<base64url(bytes)>
 *   bytes = [mode] [checksum: 4 bytes, FNV-1a of the text, big-endian] [body]
 *   mode  = 0: body is the UTF-8 text; 1: body is the text compressed with deflate-raw
 *   text  = header line, then one command per line
 *   header = `key=value` pairs joined by `&` (level, preset, docker); empty for a sandbox session
 *
 * The checksum catches tampered or truncated links, which would otherwise replay a different script.
 * `decodeShare` is total: whatever the input, it resolves to a session or a typed problem, and it never
 * inflates more than MAX_TEXT_BYTES (a "zip bomb" link stops there).
 */

export const SHARE_PARAM = 'lab';
export const SHARE_VERSION = '1';
/** Longer fragments are refused before any decoding (browsers keep URLs of a few MB at most). */
export const MAX_FRAGMENT_LENGTH = 400_000;
/** Upper bound of the decoded text (about 10,000 typical commands). */
export const MAX_TEXT_BYTES = 1_000_000;
export const MAX_COMMANDS = 10_000;

export const DOCKER_VERSIONS = ['29', '20.10'] as const;
export type SharedDockerVersion = (typeof DOCKER_VERSIONS)[number];

export interface SharedSession {
	/** What the learner typed, in order (the level's or preset's setup is not included). */
	readonly commands: readonly string[];
	/** The level the session was played in. */
	readonly level?: string;
	/** The chapter preset the session started from. */
	readonly preset?: string;
	readonly docker?: SharedDockerVersion;
}

export const SHARE_PROBLEMS = ['not-a-lab-link', 'version', 'malformed', 'checksum', 'too-large', 'unsupported'] as const;
export type ShareProblem = (typeof SHARE_PROBLEMS)[number];
export type ShareDecoded = { readonly ok: true; readonly session: SharedSession } | { readonly ok: false; readonly problem: ShareProblem };

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MODE_TEXT = 0;
const MODE_DEFLATE = 1;

/* ---- text form ---- */

/** The session as text: a header line, then one command per line (commands never contain a newline). */
export function sessionText(session: SharedSession): string {
	const header: string[] = [];
	if (session.level !== undefined) header.push(`level=${session.level}`);
	if (session.preset !== undefined) header.push(`preset=${session.preset}`);
	if (session.docker !== undefined) header.push(`docker=${session.docker}`);
	const commands = session.commands.map((command) => command.replace(/[\r\n]+/g, ' '));
	return [header.join('&'), ...commands].join('\n');
}

/** The inverse of `sessionText`, checking ids and limits. */
export function sessionFromText(text: string): ShareDecoded {
	const lines = text.split('\n');
	const headerLine = lines.shift() ?? '';
	if (lines.length > MAX_COMMANDS) return { ok: false, problem: 'too-large' };
	const session: { commands: string[]; level?: string; preset?: string; docker?: SharedDockerVersion } = { commands: lines };
	if (headerLine !== '') {
		for (const pair of headerLine.split('&')) {
			const eq = pair.indexOf('=');
			const key = pair.slice(0, eq);
			const value = pair.slice(eq + 1);
			if (eq < 1) return { ok: false, problem: 'malformed' };
			if (key === 'level' || key === 'preset') {
				if (!ID.test(value)) return { ok: false, problem: 'malformed' };
				session[key] = value;
			} else if (key === 'docker') {
				const version = DOCKER_VERSIONS.find((known) => known === value);
				if (version === undefined) return { ok: false, problem: 'unsupported' };
				session.docker = version;
			}
			// Unknown keys come from a newer site: ignored, so old pages still replay the commands.
		}
	}
	return { ok: true, session };
}

/* ---- bytes ---- */

/** FNV-1a (32 bit) of some bytes: a tamper check, not a signature. */
export function checksum(bytes: Uint8Array): number {
	let hash = 0x811c9dc5;
	for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
	return hash >>> 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const count = Math.min(3, bytes.length - i) + 1;
		for (let j = 0; j < count; j++) out += ALPHABET[(chunk >> (18 - 6 * j)) & 63];
	}
	return out;
}

/** Bytes of a base64url string without padding, or undefined for any other character or length. */
export function fromBase64Url(text: string): Uint8Array | undefined {
	if (text.length % 4 === 1) return undefined;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let bits = 0;
	let buffer = 0;
	let at = 0;
	for (let i = 0; i < text.length; i++) {
		const value = ALPHABET.indexOf(text.charAt(i));
		if (value < 0) return undefined;
		buffer = ((buffer << 6) | value) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[at++] = (buffer >> bits) & 0xff;
		}
	}
	return out;
}

/* ---- compression (CompressionStream when the platform has it; plain text otherwise) ---- */

function hasStreams(): boolean {
	return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

async function pipeBytes(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | undefined> {
	const writer = stream.writable.getWriter();
	// Errors surface on the reader; the writer's own promises are silenced so none goes unhandled.
	writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
	writer.close().catch(() => undefined);
	const reader = stream.readable.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > limit) {
			await reader.cancel().catch(() => undefined);
			return undefined;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

/** The fragment value (`1.…`, without `lab=`) for a session: the shorter of plain and deflated. */
export async function encodeShare(session: SharedSession): Promise<string> {
	const text = new TextEncoder().encode(sessionText(session));
	let mode = MODE_TEXT;
	let body: Uint8Array = text;
	if (hasStreams()) {
		try {
			const deflated = await pipeBytes(text, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
			if (deflated !== undefined && deflated.length < text.length) {
				mode = MODE_DEFLATE;
				body = deflated;
			}
		} catch {
			// Plain text it is.
		}
	}
	const sum = checksum(text);
	const bytes = new Uint8Array(5 + body.length);
	bytes[0] = mode;
	bytes[1] = sum >>> 24;
	bytes[2] = (sum >>> 16) & 0xff;
	bytes[3] = (sum >>> 8) & 0xff;
	bytes[4] = sum & 0xff;
	bytes.set(body, 5);
	return `${SHARE_VERSION}.${toBase64Url(bytes)}`;
}

/** Decodes a fragment value (`1.…`). Never throws, never rejects. */
export async function decodeShare(value: string): Promise<ShareDecoded> {
	try {
		return await decodeUnsafe(value);
	} catch {
		return { ok: false, problem: 'malformed' };
	}
}

async function decodeUnsafe(value: string): Promise<ShareDecoded> {
	if (typeof value !== 'string') return { ok: false, problem: 'malformed' };
	if (value.length > MAX_FRAGMENT_LENGTH) return { ok: false, problem: 'too-large' };
	const dot = value.indexOf('.');
	if (dot < 1) return { ok: false, problem: 'malformed' };
	if (value.slice(0, dot) !== SHARE_VERSION) return { ok: false, problem: /^\d+$/.test(value.slice(0, dot)) ? 'version' : 'malformed' };
	const bytes = fromBase64Url(value.slice(dot + 1));
	if (bytes === undefined || bytes.length < 5) return { ok: false, problem: 'malformed' };
	const mode = bytes[0];
	const expected = (((bytes[1] ?? 0) << 24) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0)) >>> 0;
	const body = bytes.subarray(5);
	let text: Uint8Array | undefined;
	if (mode === MODE_TEXT) {
		if (body.length > MAX_TEXT_BYTES) return { ok: false, problem: 'too-large' };
		text = body;
	} else if (mode === MODE_DEFLATE) {
		if (!hasStreams()) return { ok: false, problem: 'unsupported' };
		try {
			text = await pipeBytes(body, new DecompressionStream('deflate-raw'), MAX_TEXT_BYTES);
		} catch {
			return { ok: false, problem: 'malformed' };
		}
		if (text === undefined) return { ok: false, problem: 'too-large' };
	} else {
		return { ok: false, problem: 'unsupported' };
	}
	if (checksum(text) !== expected) return { ok: false, problem: 'checksum' };
	let decoded: string;
	try {
		decoded = new TextDecoder('utf-8', { fatal: true }).decode(text);
	} catch {
		return { ok: false, problem: 'malformed' };
	}
	return sessionFromText(decoded);
}

/** The `lab=` value of a URL fragment (`#lab=1.…`, possibly among other `&`-separated parameters). */
export function shareValueFromHash(hash: string): string | undefined {
	for (const part of hash.replace(/^#/, '').split('&')) {
		if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
	}
	return undefined;
}

/** The fragment for a link: `lab=1.…`. */
export async function shareFragment(session: SharedSession): Promise<string> {
	return `${SHARE_PARAM}=${await encodeShare(session)}`;
}
