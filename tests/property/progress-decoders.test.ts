/** Every decoder of outside data is total: any input gives a value or a named problem, never an exception. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgressJson, encodeProgressJson, progressFrom, type Progress } from '../../src/stores/progress-codec.ts';
import { decodeShare, encodeShare } from '../../src/stores/progress-share.ts';

const id = fc.stringMatching(/^[a-z0-9][a-z0-9/_-]{0,20}$/);
const progressArb: fc.Arbitrary<Progress> = fc.record({
	version: fc.constant(1 as const),
	questions: fc.dictionary(
		id,
		fc.record({
			hash: fc.stringMatching(/^[0-9a-f]{8}$/),
			attempts: fc.nat({ max: 1000 }),
			correct: fc.boolean(),
			revealed: fc.boolean(),
		}),
	),
	levels: fc.dictionary(id, fc.record({ best: fc.integer({ min: 1, max: 500 }) })),
});

const expectTotal = (result: ReturnType<typeof decodeShare>) => {
	expect(typeof result.ok).toBe('boolean');
	if (!result.ok) expect(['malformed', 'version', 'too-large']).toContain(result.problem);
};

describe('progress decoders', () => {
	it('decodeProgressJson never throws on arbitrary strings', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => expectTotal(decodeProgressJson(text))), { seed: 7, numRuns: 500 });
	});
	it('decodeProgressJson never throws on arbitrary JSON values', () => {
		fc.assert(fc.property(fc.jsonValue(), (value) => expectTotal(decodeProgressJson(JSON.stringify(value) ?? 'null'))), { seed: 8, numRuns: 500 });
	});
	it('progressFrom survives objects with a wrong version or wrong field types', () => {
		fc.assert(fc.property(fc.object(), fc.anything(), (value, version) => expectTotal(progressFrom({ ...value, version }))), { seed: 9, numRuns: 300 });
	});
	it('decodeShare never throws on arbitrary strings, nor on tampered real links', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => expectTotal(decodeShare(text))), { seed: 10, numRuns: 500 });
		fc.assert(
			fc.property(progressArb, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (progress, at, char) => {
				const link = encodeShare(progress);
				const i = at % link.length;
				expectTotal(decodeShare(link.slice(0, i) + char + link.slice(i + 1)));
			}),
			{ seed: 11, numRuns: 300 },
		);
	});
	it('huge inputs are refused quickly as too large', () => {
		expect(decodeShare(`1.${'A'.repeat(1_000_000)}`)).toEqual({ ok: false, problem: 'too-large' });
		expect(decodeProgressJson(' '.repeat(1_000_000))).toEqual({ ok: false, problem: 'too-large' });
	});
	it('valid progress round-trips through storage JSON and share links', () => {
		fc.assert(
			fc.property(progressArb, (progress) => {
				expect(decodeProgressJson(encodeProgressJson(progress))).toEqual({ ok: true, value: progress });
				expect(decodeShare(encodeShare(progress))).toEqual({ ok: true, value: progress });
			}),
			{ seed: 12, numRuns: 200 },
		);
	});
});
