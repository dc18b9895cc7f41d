/**
 * Share links (`#lab=1.…`): any session round-trips; the decoder is total (arbitrary strings, huge
 * inputs, wrong versions, flipped characters) and answers with a typed problem, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	checksum,
	decodeShare,
	encodeShare,
	fromBase64Url,
	MAX_FRAGMENT_LENGTH,
	SHARE_PROBLEMS,
	sessionFromText,
	sessionText,
	shareFragment,
	shareValueFromHash,
	toBase64Url,
	type SharedSession,
} from '../../src/lab/share-codec.ts';

const command = fc.string({ unit: 'grapheme', maxLength: 60 }).map((text) => text.replace(/[\r\n]/g, ' '));
const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const session: fc.Arbitrary<SharedSession> = fc.record(
	{ commands: fc.array(command, { maxLength: 30 }), level: id, preset: id, docker: fc.constantFrom('29' as const, '20.10' as const) },
	{ requiredKeys: ['commands'] },
);
const problem = (value: Awaited<ReturnType<typeof decodeShare>>): string | undefined => (value.ok ? undefined : value.problem);

describe('share-link codec', () => {
	it('round-trips any session', async () => {
		await fc.assert(
			fc.asyncProperty(session, async (original) => {
				const decoded = await decodeShare(await encodeShare(original));
				expect(decoded).toEqual({ ok: true, session: original });
			}),
			{ numRuns: 200, seed: 42 },
		);
	});

	it('is compact for a typical session (deflate) and versioned', async () => {
		const commands = Array.from({ length: 40 }, (_, i) => `docker run -d --name web${i} -v data:/usr/share/nginx/html:ro nginx`);
		const value = await encodeShare({ commands, level: 'bind-read-only' });
		expect(value.startsWith('1.')).toBe(true);
		expect(value.length).toBeLessThan(sessionText({ commands }).length / 4);
		expect(/^[A-Za-z0-9_-]+$/.test(value.slice(2))).toBe(true);
	});

	it('falls back to plain text when the platform has no CompressionStream', async () => {
		const saved = globalThis.CompressionStream;
		try {
			Reflect.deleteProperty(globalThis, 'CompressionStream');
			const value = await encodeShare({ commands: ['docker volume ls', 'docker volume ls', 'docker volume ls'] });
			expect(fromBase64Url(value.slice(2))?.[0]).toBe(0);
			globalThis.CompressionStream = saved;
			expect(await decodeShare(value)).toEqual({ ok: true, session: { commands: ['docker volume ls', 'docker volume ls', 'docker volume ls'] } });
		} finally {
			globalThis.CompressionStream = saved;
		}
	});

	it('never throws on arbitrary input and reports a known problem', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string().map((tail) => `1.${tail}`), fc.stringMatching(/^1\.[A-Za-z0-9_-]*$/)), async (value) => {
				const decoded = await decodeShare(value);
				if (!decoded.ok) expect(SHARE_PROBLEMS).toContain(decoded.problem);
			}),
			{ numRuns: 500, seed: 7 },
		);
	});

	it('detects a changed or cut link', async () => {
		const value = await encodeShare({ commands: ['docker volume create data', 'docker run -d --name web -v data:/data busybox sleep 3600'] });
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 2, max: value.length - 1 }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), async (at, char) => {
				fc.pre(value[at] !== char);
				const tampered = `${value.slice(0, at)}${char}${value.slice(at + 1)}`;
				const decoded = await decodeShare(tampered);
				// A change in the last character's unused low bits decodes to the same bytes: that is the same link.
				if (decoded.ok) expect(decoded.session.commands).toEqual(['docker volume create data', 'docker run -d --name web -v data:/data busybox sleep 3600']);
				else expect(SHARE_PROBLEMS).toContain(decoded.problem);
			}),
			{ numRuns: 300, seed: 3 },
		);
		expect(problem(await decodeShare(value.slice(0, -6)))).toMatch(/malformed|checksum/);
	});

	it('refuses wrong versions, huge inputs and decompression bombs with a clear problem', async () => {
		expect(problem(await decodeShare('2.AAAA'))).toBe('version');
		expect(problem(await decodeShare('x.AAAA'))).toBe('malformed');
		expect(problem(await decodeShare(''))).toBe('malformed');
		expect(problem(await decodeShare(`1.${'A'.repeat(MAX_FRAGMENT_LENGTH)}`))).toBe('too-large');
		// 5 MB of one character deflates to a few KB: the decoder stops at its limit.
		const bomb = await encodeShare({ commands: ['x'.repeat(5_000_000)] });
		expect(bomb.length).toBeLessThan(MAX_FRAGMENT_LENGTH);
		expect(problem(await decodeShare(bomb))).toBe('too-large');
		// Unknown mode byte.
		const bytes = new Uint8Array([9, 0, 0, 0, 0, 65]);
		expect(problem(await decodeShare(`1.${toBase64Url(bytes)}`))).toBe('unsupported');
		// Right checksum, invalid UTF-8.
		const bad = new Uint8Array([0xff, 0xfe]);
		const sum = checksum(bad);
		const framed = new Uint8Array([0, sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255, ...bad]);
		expect(problem(await decodeShare(`1.${toBase64Url(framed)}`))).toBe('malformed');
	});

	it('validates the header and ignores unknown keys from newer sites', () => {
		expect(sessionFromText('level=ok-1&future=x\ndocker ps')).toEqual({ ok: true, session: { level: 'ok-1', commands: ['docker ps'] } });
		expect(sessionFromText('level=../../etc\ndocker ps')).toEqual({ ok: false, problem: 'malformed' });
		expect(sessionFromText('docker=17.03\n')).toEqual({ ok: false, problem: 'unsupported' });
		expect(sessionFromText('=x')).toEqual({ ok: false, problem: 'malformed' });
	});

	it('finds the value in a fragment and base64url round-trips bytes', async () => {
		const fragment = await shareFragment({ commands: ['docker ps'] });
		expect(shareValueFromHash(`#${fragment}`)).toBe(fragment.slice(4));
		expect(shareValueFromHash('#other=1&lab=1.abc')).toBe('1.abc');
		expect(shareValueFromHash('#layers')).toBeUndefined();
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
				expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
			}),
			{ seed: 1 },
		);
		expect(fromBase64Url('A')).toBeUndefined();
		expect(fromBase64Url('A=A')).toBeUndefined();
	});
});
