import { cleanStores } from 'nanostores';
import { cleanTestStorage, getTestStorage, setTestStorageKey, useTestStorageEngine } from '@nanostores/persistent';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

beforeAll(() => useTestStorageEngine());

async function freshStores() {
	vi.resetModules();
	const [store, quiz, page] = await Promise.all([import('../../src/stores/progress.ts'), import('../../src/stores/quiz-actions.ts'), import('../../src/stores/progress-actions.ts')]);
	return { ...store, ...quiz, ...page };
}

afterEach(() => cleanTestStorage());

describe('$progress', () => {
	it('counts attempts and keeps the latest result', async () => {
		const { $progress, recordAnswer, PROGRESS_KEY } = await freshStores();
		recordAnswer('named/q1', 'aaaa', false);
		recordAnswer('named/q1', 'aaaa', true);
		expect($progress.get().questions['named/q1']).toEqual({ hash: 'aaaa', attempts: 2, correct: true, revealed: false });
		expect(JSON.parse(getTestStorage()[PROGRESS_KEY] ?? '{}').questions['named/q1'].attempts).toBe(2);
		cleanStores($progress);
	});

	it('starts counting again when the question was edited (new hash)', async () => {
		const { $progress, recordAnswer, questionRecord } = await freshStores();
		recordAnswer('named/q1', 'aaaa', true);
		expect(questionRecord($progress.get(), 'named/q1', 'bbbb')).toBeUndefined();
		recordAnswer('named/q1', 'bbbb', false);
		expect($progress.get().questions['named/q1']).toEqual({ hash: 'bbbb', attempts: 1, correct: false, revealed: false });
		cleanStores($progress);
	});

	it('reveal marks questions revealed without inventing attempts', async () => {
		const { $progress, recordReveal } = await freshStores();
		recordReveal([{ id: 'bind/q2', hash: 'cccc' }]);
		expect($progress.get().questions['bind/q2']).toEqual({ hash: 'cccc', attempts: 0, correct: false, revealed: true });
		cleanStores($progress);
	});

	it('keeps the fewest commands for a lab level', async () => {
		const { $progress, recordLevelSolved } = await freshStores();
		recordLevelSolved('keep-data', 5);
		recordLevelSolved('keep-data', 3);
		recordLevelSolved('keep-data', 4);
		expect($progress.get().levels['keep-data']).toEqual({ best: 3 });
		cleanStores($progress);
	});

	it('starts clean and says so once when stored data is corrupt or foreign', async () => {
		setTestStorageKey('mp:v1:progress', '{"version":99}');
		const { $progress, $progressNotice, recordAnswer } = await freshStores();
		expect($progress.get().questions).toEqual({});
		expect($progressNotice.get()).toBe('version');
		recordAnswer('layers/q1', 'abcd', true);
		expect($progress.get().questions['layers/q1']?.correct).toBe(true);
		cleanStores($progress);
	});

	it('reset and learner name', async () => {
		const { $progress, recordAnswer, resetProgress, setLearnerName } = await freshStores();
		recordAnswer('layers/q1', 'abcd', true);
		setLearnerName('  김신입  ');
		expect($progress.get().name).toBe('김신입');
		setLearnerName('');
		expect($progress.get().name).toBeUndefined();
		resetProgress();
		expect($progress.get()).toEqual({ version: 1, questions: {}, levels: {} });
		cleanStores($progress);
	});
});
