/**
 * The browser's engine (`core.ts`) starts without its extensions: a line that needs one must change
 * nothing and say which, and once `withExtensions` has loaded what was asked for, the output is
 * what the full engine (`index.ts`) prints. This file imports `core.ts` only, so the registry starts
 * empty (vitest gives each test file its own module registry); the tests run in order.
 */
import { describe, expect, it } from 'vitest';
import { createCoreEngine, describePath, EXTENSION_NAMES, isRegistered, readPath, withExtensions, type ExecResult, type ExtensionName } from '../../src/rules/core.ts';

const SETUP = ['docker volume create data', 'docker run -d --name db -v data:/data busybox sleep 600', "docker exec db sh -c 'echo row1 > /data/rows.txt'"];

/** One command line per extension that cannot run without it. */
const NEEDS: Readonly<Record<ExtensionName, string>> = {
	images: 'docker images',
	build: 'docker build -t site /tmp/lab/ctx',
	inspect: 'docker volume inspect data',
	prune: 'docker volume prune -f',
	files: "docker exec db stat -c '%n %s' /data/rows.txt",
	tar: 'docker run --rm --volumes-from db -v /tmp/lab/b:/backup busybox tar cvf /backup/b.tar /data',
	nginx: 'docker run -d --name web -v site:/usr/share/nginx/html nginx',
	postgres: 'docker run -d --name pg -e POSTGRES_PASSWORD=secret postgres',
	mysql: 'docker run -d --name my mysql',
	node: 'docker run --rm node node --version',
	templates: "docker volume ls --format '{{.Name}} on {{.Driver}}'",
	mounts: 'docker run --rm --mount type=volume,src=data,dst=/d busybox cat /d/rows.txt',
};

/** More lines that need an extension: a container of a teaching image even before it runs (its files are there), and the shell's `test`/`[`. */
const ALSO_NEEDS: ReadonlyArray<readonly [ExtensionName, string]> = [
	['postgres', 'docker create --name idle postgres'],
	['nginx', 'docker create --name idle-web nginx'],
	['files', '[ -d /tmp/lab ] && echo yes'],
	['images', 'docker commit db snapshot'],
	['build', 'docker image build -t site /tmp/lab/ctx'],
	['files', "docker exec db sh -c 'test -f /data/rows.txt'"],
	['mounts', 'docker create --mount type=bind,src=/nowhere,dst=/d busybox'],
	['prune', 'docker container prune'],
	['prune', 'docker system prune --volumes'],
];

/** Lines the core runs by itself: default tables and plain `{{.Field}}` formats need no template engine. */
const CORE_ONLY = ['docker ps -a', 'docker volume ls', "docker volume ls --format '{{.Name}}'", "docker ps --format 'table {{.Names}}\\t{{.Status}}'", 'docker volume ls -q --filter dangling=false', 'ls /tmp/lab'];

function started() {
	const engine = createCoreEngine({ seed: 7 });
	for (const line of SETUP) expect(engine.exec(line).exitCode).toBe(0);
	return engine;
}

describe('the core engine without extensions', () => {
	it('starts with none registered', () => {
		for (const name of EXTENSION_NAMES) expect(isRegistered(name)).toBe(false);
	});

	it.each([...Object.entries(NEEDS), ...ALSO_NEEDS])('refuses a line that needs "%s" and leaves the state exactly as it was: %s', (name, line) => {
		const engine = started();
		const before = JSON.stringify(engine.snapshot());
		const result = engine.exec(line);
		expect(result.needs).toBe(name);
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toContain(name);
		expect(JSON.stringify(engine.snapshot())).toBe(before);
	});

	it('runs the everyday commands itself', () => {
		const engine = started();
		for (const line of CORE_ONLY) {
			const result = engine.exec(line);
			expect(result.needs, line).toBeUndefined();
			expect(result.exitCode, line).toBe(0);
		}
		expect(engine.exec("docker volume ls --format '{{.Name}}'").stdout).toBe('data\n');
		expect(engine.exec("docker ps --format 'table {{.Names}}\\t{{.Status}}'").stdout).toMatch(/^NAMES\s+STATUS\ndb\s+Up /);
	});
});

describe('withExtensions', () => {
	const script = [...SETUP, ...CORE_ONLY, ...Object.values(NEEDS), ...ALSO_NEEDS.map(([, line]) => line), "docker inspect -f '{{.Name}}' db", 'docker run --rm -v /tmp/lab/b:/b busybox tar tf /b/b.tar', 'docker logs my', 'docker volume ls'];
	const runAll = (create: (options?: { seed?: number }) => { exec(line: string): ExecResult }): ExecResult[] => {
		const engine = create({ seed: 7 });
		return script.map((line) => engine.exec(line));
	};

	it('loads what the lines ask for and then prints what the full engine prints', async () => {
		const results = await withExtensions((create) => runAll(create));
		for (const name of EXTENSION_NAMES) expect(isRegistered(name)).toBe(true);
		expect(results.every((result) => result.needs === undefined)).toBe(true);
		const { createEngine } = await import('../../src/rules/index.ts');
		expect(results).toEqual(runAll(createEngine));
		expect(results[script.indexOf(NEEDS.tar)]?.stdout).toBe('data/\ndata/rows.txt\n');
		expect(results[script.indexOf(NEEDS.files)]?.stdout).toBe('/data/rows.txt 5\n');
		expect(results[script.indexOf(NEEDS.build)]).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('/tmp/lab/ctx') });
		// data, site, and the anonymous volumes of postgres's and mysql's VOLUMEs.
		expect(results[script.indexOf(NEEDS.templates)]?.stdout.split('\n').filter(Boolean).sort()).toEqual([expect.stringMatching(/^[0-9a-f]{64} on local$/), expect.stringMatching(/^[0-9a-f]{64} on local$/), 'data on local', 'site on local']);
		expect(results[script.indexOf(NEEDS.mounts)]?.stdout).toBe('row1\n');
		// Nothing to prune yet: db still uses data.
		expect(results[script.indexOf(NEEDS.prune)]?.stdout).toBe('Total reclaimed space: 0B\n');
		expect(results[script.indexOf('docker container prune')]?.stdout).toContain('WARNING! This will remove all stopped containers.');
		expect(results[script.indexOf('[ -d /tmp/lab ] && echo yes')]?.stdout).toBe('yes\n');
		expect(results[script.indexOf('docker run --rm node node --version')]?.stdout).toBe('v22.15.0\n');
		expect(results[script.indexOf('docker logs my')]?.stderr).toContain('Database is uninitialized and password option is not specified');
		expect(results[script.indexOf('docker create --mount type=bind,src=/nowhere,dst=/d busybox')]).toMatchObject({ exitCode: 125, stderr: expect.stringContaining('bind source path does not exist: /nowhere') });
	});
});

describe('the teaching images', () => {
	it('each have an extension of their own name, which holds their files', async () => {
		const placeholders = Object.values(createCoreEngine().snapshot().images).flatMap((image) => image.layers.flatMap((layer) => (layer.catalogue === undefined ? [] : [layer.catalogue])));
		expect(placeholders.sort()).toEqual(['mysql', 'nginx', 'node', 'postgres']);
		const { createEngine } = await import('../../src/rules/index.ts');
		for (const name of placeholders) {
			expect(EXTENSION_NAMES).toContain(name);
			expect(createEngine().exec(`docker run --rm ${name} ls /`).exitCode, name).toBe(0);
		}
	});

	it("keep a placeholder layer in the state, so snapshots are the same with or without extensions, and show their files once loaded", async () => {
		const lines = ['docker run -d --name web -v site:/usr/share/nginx/html nginx', 'docker exec web ls /usr/share/nginx/html'];
		const core = await withExtensions((create) => {
			const engine = create({ seed: 3 });
			const results = lines.map((line) => engine.exec(line));
			return { results, snapshot: engine.snapshot() };
		});
		const { createEngine } = await import('../../src/rules/index.ts');
		const full = createEngine({ seed: 3 });
		expect(core.results).toEqual(lines.map((line) => full.exec(line)));
		expect(JSON.stringify(core.snapshot)).toBe(JSON.stringify(full.snapshot()));
		expect(core.results[1]?.stdout).toBe('50x.html\nindex.html\n');
		const nginx = Object.values(core.snapshot.images).find((image) => image.repoTags.includes('nginx:latest'));
		expect(nginx?.layers.at(-1)).toMatchObject({ type: 'dir', children: {}, catalogue: 'nginx' });
		expect(describePath(core.snapshot, 'web', '/usr/share/nginx/html/index.html')).toMatchObject({ origin: 'volume', source: 'site' });
		expect(describePath(core.snapshot, 'web', '/etc/nginx/nginx.conf')).toMatchObject({ origin: 'image', type: 'file' });
	});
});

describe('path helpers for the lab and the quizzes', () => {
	it('readPath reads the host, a container and a volume', () => {
		const engine = started();
		const state = engine.snapshot();
		expect(readPath(state, { container: 'db' }, '/data/rows.txt')).toEqual({ type: 'file', content: 'row1\n' });
		expect(readPath(state, { volume: 'data' }, '/')).toEqual({ type: 'dir', entries: ['rows.txt'] });
		expect(readPath(state, 'host', '/tmp/lab/nothing')).toBeUndefined();
		expect(readPath(state, { container: 'nope' }, '/')).toBeUndefined();
	});

	it("describePath reports an image directory that Docker's init layer also holds (/etc) as the image's", () => {
		const engine = started();
		const state = engine.snapshot();
		expect(describePath(state, 'db', '/etc')?.origin).toBe('image');
		expect(describePath(state, 'db', '/etc/hostname')?.origin).toBe('init');
		expect(describePath(state, 'db', '/data')?.origin).toBe('volume');
	});
});
