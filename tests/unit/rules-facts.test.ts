import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, type DockerVersion, type ExecResult } from '../../src/rules/index.ts';
import { FACT_KEYS, GENERAL_FACTS, MOUNT_FACTS, MOUNT_KINDS, type MountKind, type Scenario } from '../../src/rules/facts.ts';

interface Observed {
	readonly last: ExecResult;
	readonly engine: ReturnType<typeof createEngine>;
	/** Volumes and host paths the `subject` container mounted at any point. */
	readonly subjectVolumes: Set<string>;
}

function play(scenario: Scenario, version: DockerVersion): Observed {
	const engine = createEngine({ seed: 11, dockerVersion: version });
	const subjectVolumes = new Set<string>();
	let last: ExecResult = { exitCode: 0, stdout: '', stderr: '' };
	for (const line of scenario.script) {
		last = engine.exec(line);
		for (const container of Object.values(engine.snapshot().containers)) {
			if (container.name === 'subject') for (const mount of container.mounts) if (mount.type === 'volume') subjectVolumes.add(mount.name);
		}
	}
	return { last, engine, subjectVolumes };
}

/** What a scenario shows about a fact, derived from the engine's state and output. */
function derive(kind: MountKind, key: string, observed: Observed): unknown {
	const { engine, last, subjectVolumes } = observed;
	const state = engine.snapshot();
	const volumeGone = (): boolean => (kind === 'namedVolume' ? state.volumes['keep'] === undefined : Object.keys(state.volumes).length === 0 && (subjectVolumes.size > 0 || kind === 'anonymousVolume'));
	switch (key) {
		case 'removedByRm':
		case 'removedByRmV':
		case 'removedByRunRm':
		case 'removedByPrune':
		case 'removedByPruneAll':
			return kind === 'bind' ? engine.exec('ls -d /tmp/lab/src').exitCode !== 0 : volumeGone();
		case 'survivesStop':
			return engine.exec('docker exec subject cat /data/f').stdout === 'x\n';
		case 'shareable':
			return last.exitCode === 0 && last.stdout === 'x\n';
		case 'populatedFromImage':
			return last.exitCode === 0 && last.stdout.includes('<h1>hello</h1>');
		case 'createsMissingSource':
			return kind === 'bind' ? engine.exec('ls -d /tmp/lab/src').exitCode === 0 : state.volumes['fresh'] !== undefined;
		case 'dockerfileDeclarable':
			return subjectVolumes.size > 0 && Object.values(state.containers).some((container) => container.name === 'subject' && container.mounts.some((mount) => mount.anonymous));
		default:
			throw new Error(`no derivation for ${key}`);
	}
}

describe('mount facts', () => {
	for (const kind of MOUNT_KINDS) {
		describe(kind, () => {
			const facts = MOUNT_FACTS[kind];
			it('has every fact key with at least one citation', () => {
				expect(Object.keys(facts).sort()).toEqual([...FACT_KEYS].sort());
				for (const key of FACT_KEYS) expect(facts[key].cite.length).toBeGreaterThan(0);
			});
			for (const key of FACT_KEYS) {
				const fact = facts[key];
				if (fact.scenario === undefined) continue;
				const scenario = fact.scenario;
				const versions: DockerVersion[] = scenario.version !== undefined ? [scenario.version] : fact.byVersion !== undefined ? ['29', '20.10'] : ['29'];
				for (const version of versions) {
					it(`${key} is derived from the engine (docker ${version})`, () => {
						const expected = fact.byVersion?.[version] ?? fact.value;
						expect(derive(kind, key, play(scenario, version))).toBe(expected);
					});
				}
			}
		});
	}
	it('cites only keys that exist in docker-facts.md or docker-engine.md findings', () => {
		const pattern = /^(\d\.\d+|§\d\.\d+|T\d\d|E:[a-z]\d*(\/[a-z]\d*)?)$/;
		const cites = [...Object.values(MOUNT_FACTS).flatMap((facts) => Object.values(facts).flatMap((fact) => fact.cite)), ...Object.values(GENERAL_FACTS).flatMap((fact) => fact.cite)];
		for (const cite of cites) expect(cite).toMatch(pattern);
		const facts = new URL('../../../shared/reference/docker-facts.md', import.meta.url);
		const engine = new URL('../../../shared/reference/docker-engine.md', import.meta.url);
		if (!existsSync(facts) || !existsSync(engine)) return;
		const factsText = readFileSync(facts, 'utf8');
		const engineText = readFileSync(engine, 'utf8');
		for (const cite of new Set(cites)) {
			if (cite.startsWith('E:')) expect(engineText, cite).toContain(`| ${cite.slice(2)} |`);
			else if (cite.startsWith('§')) expect(factsText, cite).toContain(`### ${cite.slice(1)} `);
			else if (cite.startsWith('T')) expect(factsText, cite).toContain(`${cite} `);
			else expect(factsText, cite).toContain(`| ${cite} |`);
		}
	});
});

describe('general facts', () => {
	it('docker commit leaves volume data out (derived)', () => {
		const { last } = play(GENERAL_FACTS.commitIncludesVolumeData.scenario, '29');
		expect(last.stdout.includes('new.txt')).toBe(GENERAL_FACTS.commitIncludesVolumeData.value);
		expect(last.stdout).toBe('seed.txt\n');
	});
});
