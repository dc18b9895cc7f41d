import { describe, expect, it } from 'vitest';
import { contentHash, decodeProgressJson, emptyProgress, encodeProgressJson, type Progress } from '../../src/stores/progress-codec.ts';
import { decodeShare, encodeShare, shareValueFromHash } from '../../src/stores/progress-share.ts';

const sample: Progress = {
	version: 1,
	questions: {
		'named/copy-up': { hash: 'a1b2c3d4', attempts: 2, correct: true, revealed: false },
		'bind/missing-dir': { hash: '0000ffff', attempts: 1, correct: false, revealed: true },
	},
	levels: { 'keep-data': { best: 3 } },
	name: '김신입',
};

describe('progress JSON', () => {
	it('round-trips', () => {
		expect(decodeProgressJson(encodeProgressJson(sample))).toEqual({ ok: true, value: sample });
	});
	it('names the problem with garbage, foreign data and other versions', () => {
		expect(decodeProgressJson('{not json')).toEqual({ ok: false, problem: 'malformed' });
		expect(decodeProgressJson('[1,2]')).toEqual({ ok: false, problem: 'malformed' });
		expect(decodeProgressJson('"hello"')).toEqual({ ok: false, problem: 'malformed' });
		expect(decodeProgressJson('{"version":2,"questions":{}}')).toEqual({ ok: false, problem: 'version' });
		expect(decodeProgressJson('x'.repeat(300_000))).toEqual({ ok: false, problem: 'too-large' });
	});
	it('drops invalid records one by one and keeps the valid ones', () => {
		const text = JSON.stringify({
			version: 1,
			questions: {
				'named/ok': { hash: 'abcd', attempts: 1, correct: true, revealed: false },
				'named/bad-attempts': { hash: 'abcd', attempts: -1, correct: true, revealed: false },
				'named/bad-hash': { hash: 'xyz!', attempts: 1, correct: true, revealed: false },
				__proto__x: { hash: 'abcd', attempts: 1, correct: true, revealed: false },
				'<script>': { hash: 'abcd', attempts: 1, correct: true, revealed: false },
			},
			levels: { good: { best: 2 }, zero: { best: 0 }, junk: 'x' },
			name: 42,
		});
		const decoded = decodeProgressJson(text);
		expect(decoded.ok && Object.keys(decoded.value.questions)).toEqual(['named/ok']);
		expect(decoded.ok && decoded.value.levels).toEqual({ good: { best: 2 } });
		expect(decoded.ok && decoded.value.name).toBeUndefined();
	});
	it('never lets a key touch the prototype', () => {
		const decoded = decodeProgressJson('{"version":1,"questions":{"__proto__":{"hash":"ab","attempts":1,"correct":true,"revealed":false}},"levels":{}}');
		expect(decoded).toEqual({ ok: true, value: emptyProgress() });
		expect(({} as Record<string, unknown>)['hash']).toBeUndefined();
	});
});

describe('share links', () => {
	it('round-trip through a URL fragment, including a Korean name', () => {
		const hash = `#progress=${encodeShare(sample)}`;
		const value = shareValueFromHash(hash);
		expect(value).toBeDefined();
		expect(decodeShare(value ?? '')).toEqual({ ok: true, value: sample });
	});
	it('reject other versions, tampering and non-base64 text', () => {
		const good = encodeShare(sample);
		expect(decodeShare(`2${good.slice(1)}`)).toEqual({ ok: false, problem: 'version' });
		expect(decodeShare('1.$$$')).toEqual({ ok: false, problem: 'malformed' });
		expect(decodeShare('1.e30')).toEqual({ ok: false, problem: 'malformed' }); // "{}": no q/l arrays
		expect(decodeShare('nodot')).toEqual({ ok: false, problem: 'malformed' });
		expect(decodeShare(`${good.slice(0, -6)}AAAA`).ok).toBe(false);
	});
	it('finds no share value in an unrelated fragment', () => {
		expect(shareValueFromHash('#lifecycle')).toBeUndefined();
	});
});

describe('contentHash', () => {
	it('is stable and sensitive to any edit', () => {
		expect(contentHash('question')).toBe(contentHash('question'));
		expect(contentHash('question')).not.toBe(contentHash('question.'));
		expect(contentHash('')).toMatch(/^[0-9a-f]{8}$/);
	});
});
