/**
 * Every Volume Lab level (content/lab/*.yaml) is checked against the rules engine: the file matches the
 * schema, the start state does not already satisfy the goal, the reference solution reaches it (each of
 * its commands succeeding), and the declared command count is the solution's length.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createEngine } from '../../src/rules/index.ts';
import { checkGoal } from '../../src/quiz/goals.ts';
import { formatIssues } from '../../src/quiz/schema.ts';
import { labEntrySchema, type LabEntry } from '../../src/lab/level-schema.ts';
import { LabSession } from '../../src/lab/session.ts';

const DIR = 'content/lab';
const files = readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort();

function load(file: string): LabEntry {
	const parsed = labEntrySchema.safeParse(parse(readFileSync(join(DIR, file), 'utf8')));
	if (!parsed.success) throw new Error(`${file}:\n${formatIssues(parsed.error.issues).join('\n')}`);
	return parsed.data;
}

const entries = files.map((file) => ({ id: file.replace(/\.yaml$/, ''), file, entry: load(file) }));
const levels = entries.filter(({ entry }) => entry.kind === 'level');

describe('lab levels', () => {
	it('has at least 12 levels, following every chapter', () => {
		expect(levels.length).toBeGreaterThanOrEqual(12);
		expect(new Set(levels.map(({ entry }) => entry.chapter))).toEqual(new Set(['layers', 'anonymous', 'named', 'bind', 'volume-containers', 'beyond']));
	});

	it.each(entries.map(({ id, entry }) => [id, entry] as const))('%s: every setup command succeeds', (_id, entry) => {
		const session = new LabSession({ createEngine, setup: entry.setup, dockerVersion: entry.docker ?? '29' });
		for (const { command, result } of session.entries) expect(result, command).toMatchObject({ exitCode: 0 });
	});

	it.each(levels.map(({ id, entry }) => [id, entry] as const))('%s: the start state misses the goal, the reference solution reaches it', (_id, entry) => {
		const goal = entry.goal;
		const solution = entry.solution ?? [];
		if (goal === undefined) throw new Error('a level without a goal passed the schema');
		const session = new LabSession({ createEngine, setup: entry.setup, dockerVersion: entry.docker ?? '29' });
		expect(checkGoal(session.snapshot(), goal).ok, 'the start state already satisfies the goal').toBe(false);
		for (const command of solution) {
			const outcome = session.run(command);
			expect(outcome.kind).toBe('exec');
			if (outcome.kind === 'exec') expect(outcome.entry.result, command).toMatchObject({ exitCode: 0 });
		}
		expect(checkGoal(session.snapshot(), goal)).toEqual({ ok: true, problems: [] });
		expect(session.commandCount).toBe(entry.commandCount);
		expect(solution.length).toBe(entry.commandCount);
	});
});
