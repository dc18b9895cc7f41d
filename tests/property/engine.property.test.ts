import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, execute, initialState, type DockerVersion, type EngineState } from '../../src/rules/index.ts';

const SEED = 20260101;

/** Words that make plausible (valid or not) command lines. */
const WORDS = [
	'docker', 'run', 'create', 'start', 'stop', 'restart', 'kill', 'rm', 'exec', 'ps', 'diff', 'inspect', 'logs', 'commit', 'build',
	'volume', 'container', 'image', 'system', 'prune', 'ls', 'create', 'images', '-a', '-d', '-f', '-q', '-v', '-t', '-it', '--rm', '--name',
	'--mount', '--volumes-from', '--tmpfs', '--filter', '--format', '--all', '--bogus', 'busybox', 'volume-demo', 'web-demo', 'postgres', 'nginx',
	'sh', '-c', 'true', 'sleep', '600', 'ls', 'cat', 'echo', 'hi', '>', '>>', '&&', '||', ';', '|', 'mkdir', '-p', 'cd', 'pwd', 'touch', 'rm', '-rf',
	'c1', 'c2', 'vol1', 'vol2', '/data', 'vol1:/data', '/tmp/lab/h:/data', '/tmp/lab/h', 'a:/data', './rel:/data', 'type=volume,dst=/m',
	'type=bind,src=/tmp/lab/h,dst=/b', 'type=tmpfs,dst=/t', "'{{.Name}}'", "'{{json .Mounts}}'", "'{{.Nope}}'", 'dangling=true', "'", '"', '$(pwd)', '*',
] as const;

const commandLine = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
const version = fc.constantFrom<DockerVersion>('29', '20.10');

function run(lines: readonly string[], dockerVersion: DockerVersion, seed = 1): EngineState {
	const engine = createEngine({ seed, dockerVersion });
	for (const line of lines) engine.exec(line);
	return engine.snapshot();
}

describe('the engine never throws', () => {
	it('for arbitrary text, unicode, control characters and NUL', () => {
		const engine = createEngine();
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', '\u0000', 'docker \u0000 run', '\x1b[31m', 'echo "\u0007"')), (line) => {
				const result = engine.exec(line);
				expect(Number.isInteger(result.exitCode)).toBe(true);
				expect(result.stderr).not.toContain('internal simulator error');
			}),
			{ seed: SEED, numRuns: 300 },
		);
	});
	it('for 100 KB lines', () => {
		const engine = createEngine();
		for (const line of ['x'.repeat(100_000), `docker run busybox echo ${'a '.repeat(50_000)}`, `echo '${'q'.repeat(100_000)}`, '('.repeat(100_000)]) {
			const result = engine.exec(line);
			expect(result.stderr).not.toContain('internal simulator error');
		}
	});
	it('for random docker-like command lines in any state', () => {
		fc.assert(
			fc.property(fc.array(commandLine, { maxLength: 25 }), version, (lines, dockerVersion) => {
				const engine = createEngine({ dockerVersion });
				engine.exec('mkdir -p /tmp/lab/h');
				for (const line of lines) expect(engine.exec(line).stderr).not.toContain('internal simulator error');
			}),
			{ seed: SEED, numRuns: 150 },
		);
	});
});

describe('state invariants', () => {
	it('a refused docker command leaves the state exactly as it was', () => {
		fc.assert(
			fc.property(fc.array(commandLine, { maxLength: 15 }), commandLine, version, (setup, last, dockerVersion) => {
				let state = initialState({ dockerVersion });
				state = execute(state, 'mkdir -p /tmp/lab/h').state;
				for (const line of setup) state = execute(state, line).state;
				// One docker command: shell operators and redirects would run or create other things.
				const line = `docker ${last.replace(/^docker\s*/, '').replace(/[;&|<>]/g, ' ')}`;
				const before = JSON.stringify(state);
				const next = execute(state, line);
				if (next.rejected) {
					expect(next.result.exitCode !== 0 || next.result.stderr !== '').toBe(true);
					expect(next.state).toBe(state);
					expect(JSON.stringify(next.state)).toBe(before);
				}
			}),
			{ seed: SEED, numRuns: 200 },
		);
	});
	it('every volume mount references an existing volume, and named volumes go only through volume rm / prune', () => {
		fc.assert(
			fc.property(fc.array(commandLine, { maxLength: 30 }), version, (lines, dockerVersion) => {
				let state = execute(initialState({ dockerVersion }), 'mkdir -p /tmp/lab/h').state;
				for (const line of lines) {
					const before = state;
					state = execute(state, line).state;
					for (const container of Object.values(state.containers)) {
						for (const mount of container.mounts) if (mount.type === 'volume') expect(state.volumes[mount.name]).toBeDefined();
					}
					const lost = Object.values(before.volumes).filter((volume) => !volume.anonymous && state.volumes[volume.name] === undefined);
					if (lost.length > 0) {
						const byRm = /docker volume rm\b/.test(line);
						const byPrune = /docker volume prune\b/.test(line) && (dockerVersion === '20.10' || /(-a\b|--all|all=)/.test(line));
						const bySystemPrune = /docker system prune\b/.test(line) && /--volumes/.test(line) && dockerVersion === '20.10';
						expect(byRm || byPrune || bySystemPrune).toBe(true);
					}
				}
			}),
			{ seed: SEED, numRuns: 150 },
		);
	});
	it('is deterministic: same seed and commands give the same outputs and snapshot', () => {
		fc.assert(
			fc.property(fc.array(commandLine, { maxLength: 20 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), version, (lines, seed, dockerVersion) => {
				const a = createEngine({ seed, dockerVersion });
				const b = createEngine({ seed, dockerVersion });
				for (const line of lines) expect(a.exec(line)).toEqual(b.exec(line));
				expect(JSON.stringify(a.snapshot())).toBe(JSON.stringify(b.snapshot()));
			}),
			{ seed: SEED, numRuns: 100 },
		);
		expect(JSON.stringify(run(['docker run -d -v /x busybox sleep 9'], '29', 1))).not.toBe(JSON.stringify(run(['docker run -d -v /x busybox sleep 9'], '29', 2)));
	});
	it('an engine updating its state in place agrees with the pure form, and never changes a snapshot it handed out', () => {
		fc.assert(
			fc.property(fc.array(commandLine, { maxLength: 25 }), fc.array(fc.boolean(), { maxLength: 25 }), version, (lines, peeks, dockerVersion) => {
				const engine = createEngine({ dockerVersion });
				let state = initialState({ dockerVersion });
				const taken: Array<[EngineState, string]> = [];
				for (const [index, line] of ['mkdir -p /tmp/lab/h', ...lines].entries()) {
					const pure = execute(state, line);
					state = pure.state;
					expect(engine.exec(line)).toEqual(pure.result);
					if (peeks[index] === true) {
						const snapshot = engine.snapshot();
						taken.push([snapshot, JSON.stringify(snapshot)]);
					}
				}
				expect(JSON.stringify(engine.snapshot())).toBe(JSON.stringify(state));
				for (const [snapshot, json] of taken) expect(JSON.stringify(snapshot)).toBe(json);
			}),
			{ seed: SEED, numRuns: 150 },
		);
	});
	it('snapshots are JSON-serialisable and round-trip', () => {
		const state = run(['mkdir -p /tmp/lab/h', 'docker run -d --name c1 -v /a -v n1:/n -v /tmp/lab/h:/h --tmpfs /t volume-demo sleep 600', 'docker exec c1 sh -c "echo x > /t/f; echo y > /n/g"'], '29');
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
	});
});
