/** The learner id behind the per-learner option order, the order itself, and "chapter done". */
import { cleanStores } from 'nanostores';
import { cleanTestStorage, getTestStorage, setTestStorageKey, useTestStorageEngine } from '@nanostores/persistent';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { shuffled } from '../../src/quiz/shuffle.ts';
import { finishedChapters } from '../../src/components/quiz/marks.ts';
import { emptyProgress } from '../../src/stores/progress-codec.ts';

beforeAll(() => useTestStorageEngine());
afterEach(() => cleanTestStorage());

async function freshLearner() {
	vi.resetModules();
	return import('../../src/stores/learner.ts');
}

describe('$learnerId', () => {
	it('is made once, saved, and reused', async () => {
		const { $learnerId, learnerId, LEARNER_KEY } = await freshLearner();
		const id = learnerId();
		expect(id).toMatch(/^[0-9a-f]{16}$/);
		expect(learnerId()).toBe(id);
		expect(getTestStorage()[LEARNER_KEY]).toBe(id);
		cleanStores($learnerId);
	});

	it('replaces a foreign or corrupt stored value', async () => {
		setTestStorageKey('mp:v1:learner', '<script>');
		const { $learnerId, learnerId } = await freshLearner();
		expect(learnerId()).toMatch(/^[0-9a-f]{16}$/);
		cleanStores($learnerId);
	});
});

describe('shuffled', () => {
	const options = ['a', 'b', 'c', 'd', 'e'];
	it('is a stable permutation for one learner and question', () => {
		const order = shuffled(options, '0123456789abcdef', 'named/copy-up');
		expect([...order].sort()).toEqual(options);
		expect(shuffled(options, '0123456789abcdef', 'named/copy-up')).toEqual(order);
	});
	it('differs between learners and questions', () => {
		const orders = new Set(Array.from({ length: 40 }, (_, i) => shuffled(options, `learner-${i}`, 'q').join('')));
		expect(orders.size).toBeGreaterThan(10);
		const firsts = new Set(Array.from({ length: 40 }, (_, i) => shuffled(options, 'same', `q${i}`)[0]));
		expect(firsts.size).toBe(options.length);
	});
});

describe('finishedChapters', () => {
	const catalog = { layers: [['layers/a', '00000001'], ['layers/b', '00000002']] as [string, string][], named: [] as [string, string][] };
	it('is done only when every question is right in its current wording', () => {
		const progress = emptyProgress();
		progress.questions['layers/a'] = { hash: '00000001', attempts: 1, correct: true, revealed: false };
		expect(finishedChapters(progress, catalog)).toEqual(new Set());
		progress.questions['layers/b'] = { hash: 'ffffffff', attempts: 1, correct: true, revealed: false };
		expect(finishedChapters(progress, catalog)).toEqual(new Set());
		progress.questions['layers/b'] = { hash: '00000002', attempts: 2, correct: true, revealed: false };
		expect(finishedChapters(progress, catalog)).toEqual(new Set(['layers']));
	});
});
