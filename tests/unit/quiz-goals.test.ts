/**
 * Goal predicates check state, not keystrokes: every equivalent command form reaches the goal, and
 * near misses fail with feedback that names what is still wrong.
 */
import { describe, expect, it } from 'vitest';
import { checkGoal, fillTemplate, type Goal } from '../../src/quiz/goals.ts';
import { gradeCommand } from '../../src/quiz/grade.ts';
import { createEngine } from '../../src/quiz/engine.ts';

const grade = (goal: Goal, answer: string, setup = '') => gradeCommand({ setup, goal }, answer, createEngine);
const keys = (goal: Goal, answer: string, setup = '') => grade(goal, answer, setup).problems.map((problem) => problem.key);

const siteReadOnly: Goal = {
	all: [
		{ container: { name: 'web', image: 'nginx', status: 'running' } },
		{ mount: { container: 'web', destination: '/usr/share/nginx/html', type: 'volume', volume: 'site', readOnly: true } },
	],
};

describe('a read-only named volume ("web has site at /usr/share/nginx/html, read-only")', () => {
	it.each([
		'docker run -d --name web -v site:/usr/share/nginx/html:ro nginx',
		'docker run -d --name web -v site:/usr/share/nginx/html:ro,z nginx',
		'docker run --name web -d -v site:/usr/share/nginx/html:ro nginx',
		'docker run -d -v site:/usr/share/nginx/html:ro --name web nginx',
		'docker run -d --name=web --volume=site:/usr/share/nginx/html:ro nginx',
		'docker run -d --name web --mount type=volume,src=site,dst=/usr/share/nginx/html,readonly nginx',
		'docker run -d --name web --mount type=volume,source=site,target=/usr/share/nginx/html,ro nginx',
		'docker run -d --name web --mount src=site,destination=/usr/share/nginx/html,readonly=true nginx',
		'docker volume create site\ndocker run -d --name web -v site:/usr/share/nginx/html:ro nginx',
		'docker create --name web -v site:/usr/share/nginx/html:ro nginx\ndocker start web',
		'$ docker run -d --name web -v site:/usr/share/nginx/html:ro nginx',
	])('passes: %s', (answer) => {
		expect(grade(siteReadOnly, answer)).toMatchObject({ correct: true, problems: [] });
	});

	it.each([
		['docker run -d --name web -v site:/usr/share/nginx/html nginx', ['goal.mount.writable']],
		['docker run -d --name web -v site:/usr/share/nginx/html:rw nginx', ['goal.mount.writable']],
		['docker run -d --name web --mount type=volume,src=site,dst=/usr/share/nginx/html nginx', ['goal.mount.writable']],
		['docker run -d --name web -v other:/usr/share/nginx/html:ro nginx', ['goal.mount.volume']],
		['docker run -d --name web -v /usr/share/nginx/html nginx', ['goal.mount.volume', 'goal.mount.writable']],
		// `/usr/share/nginx/html:ro` is SRC:DST with a relative destination: docker refuses it.
		['docker run -d --name web -v /usr/share/nginx/html:ro nginx', ['goal.container.missing', 'goal.container.missing']],
		['mkdir -p /site\ndocker run -d --name web -v /site:/usr/share/nginx/html:ro nginx', ['goal.mount.type']],
		['docker run -d --name web -v site:/usr/share/nginx:ro nginx', ['goal.mount.missing']],
		['docker run -d --name site -v site:/usr/share/nginx/html:ro nginx', ['goal.container.missing', 'goal.container.missing']],
		['docker create --name web -v site:/usr/share/nginx/html:ro nginx', ['goal.container.status']],
		['docker run -d --name web -v site:/usr/share/nginx/html:ro busybox sleep 600', ['goal.container.image']],
		['', ['goal.container.missing', 'goal.container.missing']],
	])('near miss: %s → %j', (answer, expected) => {
		expect(keys(siteReadOnly, answer)).toEqual(expected);
	});

	it('says what is wrong in words ("mounted, but writable")', () => {
		const [problem] = grade(siteReadOnly, 'docker run -d --name web -v site:/usr/share/nginx/html nginx').problems;
		expect(problem).toEqual({ key: 'goal.mount.writable', params: { container: 'web', destination: '/usr/share/nginx/html' } });
		expect(fillTemplate('Mounted at {destination} in {container}, but writable', problem?.params ?? {})).toBe('Mounted at /usr/share/nginx/html in web, but writable');
	});

	it('reports an empty answer as such and keeps the transcript of what ran', () => {
		expect(grade(siteReadOnly, '  \n# nothing\n')).toMatchObject({ correct: false, empty: true, run: [] });
		const run = grade(siteReadOnly, 'docker run -d --name web --bogus nginx').run;
		expect(run[0]).toMatchObject({ line: 'docker run -d --name web --bogus nginx', exitCode: 125 });
		expect(run[0]?.stderr).toContain('unknown flag: --bogus');
	});
});

describe('sharing a volume (sameAs): --volumes-from or the same name', () => {
	const shared: Goal = { mount: { container: 'reader', destination: '/data', sameAs: { container: 'writer', destination: '/data' } } };
	const anonymous = 'docker run -d --name writer -v /data busybox sleep 600';
	const named = 'docker run -d --name writer -v logs:/data busybox sleep 600';

	it.each([
		[anonymous, 'docker run -d --name reader --volumes-from writer busybox sleep 600'],
		[anonymous, 'docker run -d --name reader --volumes-from writer:ro busybox sleep 600'],
		[named, 'docker run -d --name reader --volumes-from writer busybox sleep 600'],
		[named, 'docker run -d --name reader -v logs:/data busybox sleep 600'],
		[named, 'docker run -d --name reader --mount source=logs,target=/data busybox sleep 600'],
	])('after %s, passes: %s', (setup, answer) => {
		expect(grade(shared, answer, setup).correct).toBe(true);
	});

	it.each([
		[anonymous, 'docker run -d --name reader -v /data busybox sleep 600', 'goal.mount.notShared'],
		[named, 'docker run -d --name reader -v logs2:/data busybox sleep 600', 'goal.mount.notShared'],
		[named, 'docker run -d --name reader -v logs:/other busybox sleep 600', 'goal.mount.missing'],
	])('after %s, near miss: %s → %s', (setup, answer, key) => {
		expect(keys(shared, answer, setup)).toEqual([key]);
	});

	it('--volumes-from:ro is read-only on every inherited mount', () => {
		const goal: Goal = { mount: { container: 'reader', destination: '/data', readOnly: false } };
		expect(keys(goal, 'docker run -d --name reader --volumes-from writer:ro busybox sleep 600', anonymous)).toEqual(['goal.mount.readOnly']);
	});
});

describe('bind mounts, tmpfs, volumes and paths', () => {
	it('a read-only bind: -v …:ro and --mount …,readonly agree; the source path is compared normalised', () => {
		const goal: Goal = { mount: { container: 'web', destination: '/srv', type: 'bind', source: '/tmp/lab/site', readOnly: true } };
		const setup = 'mkdir -p /tmp/lab/site';
		expect(grade(goal, 'docker run -d --name web -v /tmp/lab/site/:/srv:ro busybox sleep 600', setup).correct).toBe(true);
		expect(grade(goal, 'docker run -d --name web --mount type=bind,src=/tmp/lab/site,dst=/srv,readonly busybox sleep 600', setup).correct).toBe(true);
		expect(grade(goal, 'cd /tmp/lab\ndocker run -d --name web -v ./site:/srv:ro busybox sleep 600', setup).correct).toBe(true);
		expect(keys(goal, 'mkdir -p /tmp/other\ndocker run -d --name web -v /tmp/other:/srv:ro busybox sleep 600', setup)).toEqual(['goal.mount.source']);
	});

	it('tmpfs: --tmpfs and --mount type=tmpfs both count (even though --tmpfs is not in .Mounts)', () => {
		const goal: Goal = { mount: { container: 'scratch', destination: '/cache', type: 'tmpfs' } };
		expect(grade(goal, 'docker run -d --name scratch --tmpfs /cache busybox sleep 600').correct).toBe(true);
		expect(grade(goal, 'docker run -d --name scratch --mount type=tmpfs,dst=/cache busybox sleep 600').correct).toBe(true);
		expect(keys(goal, 'docker run -d --name scratch -v /cache busybox sleep 600')).toEqual(['goal.mount.type']);
	});

	it('anonymous vs named', () => {
		const goal: Goal = { mount: { container: 'app', destination: '/data', anonymous: false } };
		expect(keys(goal, 'docker run -d --name app -v /data busybox sleep 600')).toEqual(['goal.mount.named']);
		expect(grade(goal, 'docker run -d --name app -v data:/data busybox sleep 600').correct).toBe(true);
		const anonymousGoal: Goal = { mount: { container: 'app', destination: '/data', anonymous: true } };
		expect(keys(anonymousGoal, 'docker run -d --name app -v data:/data busybox sleep 600')).toEqual(['goal.mount.anonymous']);
	});

	it('volume counts: dangling and anonymous filters', () => {
		const setup = 'docker volume create keep\ndocker run --name gone -v /data busybox true';
		const cleanUp: Goal = { all: [{ volumes: { dangling: true, anonymous: true, count: 0 } }, { volume: { name: 'keep' } }] };
		expect(grade(cleanUp, 'docker rm -v gone', setup).correct).toBe(true);
		expect(grade(cleanUp, 'docker rm gone\ndocker volume prune -f', setup).correct).toBe(true);
		expect(keys(cleanUp, 'docker rm gone', setup)).toEqual(['goal.volumes.count']);
		expect(keys(cleanUp, 'docker rm gone\ndocker volume prune -a -f', setup)).toEqual(['goal.volume.missing']);
	});

	it('paths in a container (merged view), a volume and the host', () => {
		const engine = createEngine({ seed: 1 });
		for (const line of ['docker run -d --name app -v data:/app/data volume-demo sleep 600', "docker exec app sh -c 'echo hi > /app/data/new.txt'", 'mkdir -p /tmp/lab/out']) engine.exec(line);
		const snapshot = engine.snapshot();
		expect(checkGoal(snapshot, { path: { in: { container: 'app' }, path: '/app/data', entries: ['new.txt', 'seed.txt'] } }).ok).toBe(true);
		expect(checkGoal(snapshot, { path: { in: { volume: 'data' }, path: '/new.txt', content: 'hi' } }).ok).toBe(true);
		expect(checkGoal(snapshot, { path: { in: 'host', path: '/tmp/lab/out', type: 'dir' } }).ok).toBe(true);
		expect(checkGoal(snapshot, { path: { in: { container: 'app' }, path: '/bin/sh', type: 'file' } }).ok).toBe(true);
		expect(checkGoal(snapshot, { path: { in: { container: 'app' }, path: '/app/data/new.txt', content: 'bye' } }).problems.map((p) => p.key)).toEqual(['goal.path.content']);
		expect(checkGoal(snapshot, { path: { in: { container: 'app' }, path: '/nope' } }).problems.map((p) => p.key)).toEqual(['goal.path.missing']);
		expect(checkGoal(snapshot, { path: { in: 'host', path: '/tmp/lab/out', exists: false } }).problems.map((p) => p.key)).toEqual(['goal.path.extra']);
		expect(checkGoal(snapshot, { path: { in: { container: 'ghost' }, path: '/' } }).problems.map((p) => p.key)).toEqual(['goal.container.missing']);
		expect(checkGoal(snapshot, { any: [{ noVolume: 'data' }, { noContainer: 'app' }, { volume: { name: 'data' } }] }).ok).toBe(true);
		expect(checkGoal(snapshot, { noMount: { container: 'app', destination: '/app/data' } }).problems.map((p) => p.key)).toEqual(['goal.mount.extra']);
	});
});
