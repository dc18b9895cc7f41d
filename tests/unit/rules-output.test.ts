import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/rules/index.ts';

function session(lines: readonly string[], version: '29' | '20.10' = '29') {
	const engine = createEngine({ seed: 3, dockerVersion: version });
	return lines.map((line) => engine.exec(line));
}

describe('docker output formats', () => {
	it('volume inspect prints a 4-space-indented JSON array with the default data-root', () => {
		const [, inspect] = session(['docker volume create data', 'docker volume inspect data']);
		expect(inspect?.stdout).toBe(
			'[\n    {\n        "CreatedAt": "2026-01-01T00:00:01Z",\n        "Driver": "local",\n        "Labels": null,\n        "Mountpoint": "/var/lib/docker/volumes/data/_data",\n        "Name": "data",\n        "Options": null,\n        "Scope": "local"\n    }\n]\n',
		);
	});
	it('anonymous volumes are labelled on 29 and not on 20.10', () => {
		const labels = (version: '29' | '20.10') => session(['docker run --name job -v /x busybox true', "docker volume ls --format '{{.Labels}}'"], version)[1]?.stdout;
		expect(labels('29')).toBe('com.docker.volume.anonymous=\n');
		expect(labels('20.10')).toBe('\n');
	});
	it('ps prints the default table with docker column widths, newest first', () => {
		const results = session(['docker run -d --name web busybox sleep 600', 'docker run --name job busybox sh -c "echo hello world from job"', 'docker ps -a']);
		const lines = (results[2]?.stdout ?? '').split('\n');
		expect(lines[0]).toBe('CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                              PORTS     NAMES');
		// eslint-disable-next-line no-regex-spaces -- the column padding is what this test checks
		expect(lines[1]).toMatch(/^[0-9a-f]{12}   busybox   "sh -c 'echo hello w…"   Less than a second ago   Exited \(0\) Less than a second ago             job$/);
		// eslint-disable-next-line no-regex-spaces -- the column padding is what this test checks
		expect(lines[2]).toMatch(/^[0-9a-f]{12}   busybox   "sleep 600"              1 second ago             Up 1 second                                   web$/);
	});
	it('ps --format table derives headers; -q and --no-trunc print ids', () => {
		const results = session(['docker run -d --name web -v site:/srv busybox sleep 600', "docker ps --format 'table {{.Names}}\\t{{.Mounts}}\\t{{.State}}'", 'docker ps -q', 'docker ps -q --no-trunc']);
		expect(results[1]?.stdout).toBe('NAMES     MOUNTS    STATE\nweb       site      running\n');
		expect(results[2]?.stdout).toBe(`${results[0]?.stdout.slice(0, 12)}\n`);
		expect(results[3]?.stdout).toBe(results[0]?.stdout);
	});
	it('volume ls sorts names naturally and filters', () => {
		const results = session(['docker volume create vol10', 'docker volume create vol2', 'docker volume create other', 'docker volume ls', 'docker volume ls -q --filter name=vol']);
		expect(results[3]?.stdout).toBe('DRIVER    VOLUME NAME\nlocal     other\nlocal     vol2\nlocal     vol10\n');
		expect(results[4]?.stdout).toBe('vol2\nvol10\n');
	});
	it('container inspect follows the API field order and hides omitempty fields from JSON only', () => {
		const [, inspect, name] = session(['mkdir -p /tmp/lab/h && docker run --name b -v /tmp/lab/h:/h busybox true', 'docker inspect bb', "docker inspect -f '{{range .Mounts}}[{{.Name}}|{{.Driver}}]{{end}}' bb"]);
		expect(inspect?.exitCode).toBe(1);
		const [, ok, template] = session(['mkdir -p /tmp/lab/h && docker run --name bb -v /tmp/lab/h:/h busybox true', 'docker inspect bb', "docker inspect -f '{{range .Mounts}}[{{.Name}}|{{.Driver}}]{{end}}' bb"]);
		const parsed = JSON.parse(ok?.stdout ?? '') as Array<Record<string, unknown>>;
		expect(Object.keys(parsed[0] ?? {}).slice(0, 4)).toEqual(['Id', 'Created', 'Path', 'Args']);
		expect(parsed[0]?.['Mounts']).toEqual([{ Type: 'bind', Source: '/tmp/lab/h', Destination: '/h', Mode: '', RW: true, Propagation: 'rprivate' }]);
		expect(template?.stdout).toBe('[|]\n');
		expect(name?.stderr).toBe('Error: No such object: bb\n');
	});
	it('inspect of something missing prints [] and the error', () => {
		const [missing] = session(['docker inspect nope']);
		expect(missing).toEqual({ exitCode: 1, stdout: '[]\n', stderr: 'Error: No such object: nope\n' });
	});
	it('image ls lists the catalogue with 12-hex ids', () => {
		const [images] = session(['docker images']);
		const lines = (images?.stdout ?? '').trim().split('\n');
		expect(lines[0]).toBe('REPOSITORY    TAG       IMAGE ID       CREATED         SIZE');
		expect(lines.slice(1).map((line) => line.split(/\s+/)[0]).sort()).toEqual(['busybox', 'mysql', 'nginx', 'node', 'postgres', 'volume-demo', 'web-demo']);
		for (const line of lines.slice(1)) expect(line).toMatch(/^\S+\s+latest\s+[0-9a-f]{12}\s+/);
	});
	it('logs replays stdout and stderr separately', () => {
		const [, logs] = session(['docker run --name job busybox sh -c "echo out; echo err >&2"', 'docker logs job']);
		expect(logs).toEqual({ exitCode: 0, stdout: 'out\n', stderr: 'err\n' });
	});
	it('diff lists A/C/D parents first and never volume content', () => {
		const [, , diff] = session(['docker run -d --name kk volume-demo sleep 600', 'docker exec kk sh -c "mkdir -p /app/conf && echo n > /app/conf/new.txt && rm /bin/wc && echo v > /app/data/v.txt"', 'docker diff kk']);
		expect(diff?.stdout).toBe('C /app\nA /app/conf\nA /app/conf/new.txt\nC /bin\nD /bin/wc\n');
	});
	it('help, version and a bare management command succeed', () => {
		const [help, version, volume] = session(['docker run --help', 'docker --version', 'docker volume']);
		expect(help?.stdout).toContain('Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]');
		expect(version?.stdout).toBe('Docker version 28.2.2, build e6534b4\n');
		expect(volume?.stdout).toContain('Usage:  docker volume COMMAND');
	});
	it('commit prints the new image id and the image has the container layer but not volume data', () => {
		const [, commit, run] = session(['docker run --name ss volume-demo sh -c "echo a > /tmp/a && echo b > /app/data/b"', 'docker commit ss snap:v1', 'docker run --rm snap:v1 sh -c "cat /tmp/a; ls /app/data"']);
		expect(commit?.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
		expect(run?.stdout).toBe('a\nseed.txt\n');
	});
});
