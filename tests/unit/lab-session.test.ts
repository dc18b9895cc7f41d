/**
 * The lab's pure logic: sessions (lab words, undo by replay, pasted scripts), prompt history, tab
 * completion and "Copy as transcript" (parsed back with the conformance parser).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/rules/index.ts';
import { LabSession, scriptLines } from '../../src/lab/session.ts';
import { emptyHistory, historyDown, historyPush, historyUp, MAX_HISTORY } from '../../src/lab/history.ts';
import { complete } from '../../src/lab/completion.ts';
import { LAB_VOCABULARY } from '../../src/lab/vocabulary.ts';
import { sessionTranscript } from '../../src/lab/transcript-export.ts';
import { changesBetween, stateView } from '../../src/lab/state-view.ts';
import { mergedView } from '../../src/lab/merged-view.ts';
import { layoutDiagram } from '../../src/lab/diagram-layout.ts';
import { parseTranscript } from '../conformance/transcript.ts';

const sandbox = (setup: string[] = []): LabSession => new LabSession({ createEngine, setup });

describe('LabSession', () => {
	it('runs commands, counts only what the learner typed, and keeps the setup apart', () => {
		const session = sandbox(['docker volume create data']);
		session.run('docker run -d --name web -v data:/data busybox sleep 3600');
		session.run('docker volume ls -q');
		expect(session.commands).toEqual(['docker run -d --name web -v data:/data busybox sleep 3600', 'docker volume ls -q']);
		expect(session.commandCount).toBe(2);
		expect(session.entries.map((entry) => entry.setup)).toEqual([true, false, false]);
		expect(session.entries[2]?.result.stdout).toBe('data\n');
	});

	it('undo replays everything but the last command, and gives the same state as never running it', () => {
		const session = sandbox();
		const reference = sandbox();
		for (const line of ['docker volume create a1', 'docker run -d --name web -v a1:/data busybox sleep 3600']) {
			session.run(line);
			reference.run(line);
		}
		session.run('docker rm -f web');
		expect(session.run('undo')).toEqual({ kind: 'undo', undone: 'docker rm -f web' });
		expect(session.snapshot()).toEqual(reference.snapshot());
		expect(session.commands).toEqual(reference.commands);
		session.run('undo');
		session.run('undo');
		expect(session.run('undo')).toEqual({ kind: 'undo', undone: undefined });
		expect(session.snapshot()).toEqual(sandbox().snapshot());
	});

	it('reset goes back to the start state; clear and help leave the state alone', () => {
		const session = sandbox(['mkdir -p /tmp/lab/x']);
		const start = session.snapshot();
		session.run('docker volume create v1');
		expect(session.run('clear')).toEqual({ kind: 'clear' });
		expect(session.run(' help ')).toEqual({ kind: 'help' });
		expect(session.commandCount).toBe(1);
		expect(session.run('reset')).toEqual({ kind: 'reset' });
		expect(session.commandCount).toBe(0);
		expect(session.snapshot()).toEqual(start);
	});

	it('skips blank and comment lines of a pasted script, without counting them', () => {
		const session = sandbox();
		const outcomes = session.runScript('# make a volume\n\ndocker volume create v1\r\ndocker volume ls -q\n');
		expect(outcomes.map((outcome) => outcome.kind)).toEqual(['skip', 'skip', 'exec', 'exec']);
		expect(session.commandCount).toBe(2);
		expect(scriptLines('a\nb\n')).toEqual(['a', 'b']);
		expect(scriptLines('a\r\nb')).toEqual(['a', 'b']);
	});

	it('replays a 1,000-line script to the state of running it by hand', () => {
		const lines = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? `docker volume create v${i}` : `docker volume rm v${i - 1}`));
		const session = sandbox();
		session.runScript(lines.join('\n'));
		expect(session.commandCount).toBe(1000);
		expect(Object.keys(session.snapshot().volumes)).toEqual([]);
		session.run('undo');
		expect(Object.keys(session.snapshot().volumes)).toEqual(['v998']);
	});

	it('keeps a very long line as typed (the display truncates, not the state)', () => {
		const session = sandbox();
		const long = `echo ${'x'.repeat(100_000)} > /tmp/lab/long.txt`;
		session.run('mkdir -p /tmp/lab');
		session.run(long);
		expect(session.commands[1]).toBe(long);
		expect(session.run('cat /tmp/lab/long.txt')).toMatchObject({ kind: 'exec', entry: { result: { stdout: `${'x'.repeat(100_000)}\n` } } });
	});
});

describe('history', () => {
	it('walks back and forward and restores the draft', () => {
		let history = emptyHistory();
		for (const line of ['one', 'two', 'two', '', 'three']) history = historyPush(history, line);
		expect(history.lines).toEqual(['one', 'two', 'three']);
		let step = historyUp(history, 'dra');
		expect(step.line).toBe('three');
		step = historyUp(step.history, step.line);
		step = historyUp(step.history, step.line);
		expect(step.line).toBe('one');
		step = historyUp(step.history, step.line);
		expect(step.line).toBe('one');
		step = historyDown(step.history, step.line);
		expect(step.line).toBe('two');
		step = historyDown(step.history, step.line);
		step = historyDown(step.history, step.line);
		expect(step.line).toBe('dra');
		expect(historyDown(step.history, 'dra').line).toBe('dra');
	});

	it('keeps at most MAX_HISTORY lines', () => {
		let history = emptyHistory();
		for (let i = 0; i < MAX_HISTORY + 20; i++) history = historyPush(history, `c${i}`);
		expect(history.lines.length).toBe(MAX_HISTORY);
		expect(history.lines[0]).toBe('c20');
	});
});

describe('completion', () => {
	const session = sandbox(['docker volume create data', 'docker volume create database', 'docker run -d --name web -v data:/data busybox sleep 3600', 'mkdir -p /tmp/lab/site']);
	const at = (text: string) => complete(text, session.snapshot(), LAB_VOCABULARY);

	it('completes command words, docker subcommands and management subcommands', () => {
		expect(at('doc').replacement).toBe('docker ');
		expect(at('docker vol').replacement).toBe('docker volume '.slice('docker '.length));
		expect(at('docker volume p').candidates).toEqual(['prune']);
		expect(at('res').candidates).toContain('reset');
	});

	it('completes flags of the command being typed', () => {
		expect(at('docker run --volumes-f').candidates).toEqual(['--volumes-from']);
		expect(at('docker volume prune -').candidates).toEqual(expect.arrayContaining(['--all', '--force', '-a', '-f']));
	});

	it('completes names from the state: containers, volumes, images, host paths', () => {
		expect(at('docker stop w').candidates).toEqual(['web']);
		expect(at('docker volume rm dat')).toMatchObject({ candidates: ['data', 'database'], replacement: 'data' });
		expect(at('docker run -v datab').replacement).toBe('database:');
		expect(at('docker run --rm busy').replacement).toBe('busybox ');
		expect(at('docker run --volumes-from w').candidates).toEqual(['web']);
		expect(at('docker run --name we busy').candidates).toEqual(['busybox']);
		expect(at('docker rm -f w').candidates).toEqual(['web']);
		expect(at('ls /tmp/lab/s').replacement).toBe('/tmp/lab/site/');
	});

	it('offers nothing inside quotes or where nothing matches', () => {
		expect(at("echo 'do").candidates).toEqual([]);
		expect(at('docker stop zz').candidates).toEqual([]);
	});
});

describe('transcript export', () => {
	it('writes transcript format v1 that the conformance parser reads back as the same session', () => {
		const session = sandbox(['docker volume create data']);
		session.run('docker volume ls -q');
		session.run('docker volume rm nope');
		session.run("echo '$ not a prompt'");
		const text = sessionTranscript(session.entries, { title: 'my\nsession', seed: 1, dockerVersion: '29' });
		const parsed = parseTranscript(text);
		expect(parsed.title).toBe('my session');
		expect(parsed.recorded).toMatch(/^Mountpoint simulator/);
		expect(parsed.header['escaped-lines']).toBe('1');
		expect(parsed.steps.map((step) => step.command)).toEqual(session.entries.map((entry) => entry.command));
		const [, ls, rm, echo] = parsed.steps;
		expect(ls).toMatchObject({ stdout: ['data'], stderr: [], exitCode: 0 });
		expect(rm?.exitCode).toBe(1);
		expect(rm?.stderr.join('\n')).toBe(session.entries[2]?.result.stderr.replace(/\n$/, ''));
		expect(echo?.stdout).toEqual([' $ not a prompt']);
	});
});

describe('state view', () => {
	it('lists containers with mounts, volumes with users and dangling, host directories, and the changes between two states', () => {
		const session = sandbox(['mkdir -p /tmp/lab/site']);
		const before = stateView(session.snapshot());
		session.run('docker run -d --name web -v data:/data -v /tmp/lab/site:/site:ro volume-demo sleep 3600');
		session.run('docker volume create spare');
		const after = stateView(session.snapshot());
		expect(after.containers).toHaveLength(1);
		expect(after.containers[0]?.mounts.map((mount) => [mount.type, mount.destination, mount.readOnly])).toEqual(
			expect.arrayContaining([
				['volume', '/data', false],
				['bind', '/site', true],
				['volume', '/app/data', false],
			]),
		);
		expect(after.volumes.find((volume) => volume.name === 'spare')).toMatchObject({ dangling: true, usedBy: [], anonymous: false });
		expect(after.volumes.find((volume) => volume.anonymous)?.display).toMatch(/^[0-9a-f]{12}…$/);
		expect(after.hostDirs.map((dir) => dir.path)).toContain('/tmp/lab/site');
		const kinds = changesBetween(before, after).map((change) => `${change.kind} ${change.name}`);
		expect(kinds).toEqual(expect.arrayContaining(['container.started web', 'volume.created data', 'volume.created spare']));
		session.run('docker rm -f web');
		expect(changesBetween(after, stateView(session.snapshot())).map((change) => change.kind)).toEqual(['container.removed']);
	});

	it('labels each path of a merged view with where it comes from', () => {
		const session = sandbox(['mkdir -p /tmp/lab/site', 'echo hi > /tmp/lab/site/a.txt']);
		session.run('docker run -d --name web -v /tmp/lab/site:/srv/site volume-demo sleep 3600');
		session.run("docker exec web sh -c 'echo x > /new.txt'");
		const id = Object.keys(session.snapshot().containers)[0] ?? '';
		const origins = new Map(mergedView(session.snapshot(), id).map((entry) => [entry.path, entry.origin]));
		expect(origins.get('/new.txt')).toBe('container');
		expect(origins.get('/srv/site/a.txt')).toBe('bind');
		expect(origins.get('/app/data/seed.txt')).toBe('volume');
		expect(origins.get('/etc/passwd')).toBe('image');
		expect(mergedView(session.snapshot(), 'nope')).toEqual([]);
	});

	it('lays out one arrow per volume or bind mount, read-only ones marked', () => {
		const session = sandbox(['mkdir -p /tmp/lab/site']);
		session.run('docker run -d --name web -v data:/data -v /tmp/lab/site:/site:ro --tmpfs /scratch busybox sleep 3600');
		const layout = layoutDiagram(stateView(session.snapshot()));
		expect(layout.edges.map((edge) => edge.readOnly).sort()).toEqual([false, true]);
		expect(layout.stores.map((store) => store.kind).sort()).toEqual(['bind', 'named']);
		for (const edge of layout.edges) expect(edge.to.x).toBeGreaterThan(edge.from.x);
	});
});
