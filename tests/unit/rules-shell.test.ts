import { describe, expect, it } from 'vitest';
import { createEngine, commandWords } from '../../src/rules/index.ts';
import { parseScript } from '../../src/rules/cli/shell-parse.ts';

type Row = readonly [command: string, stdout: string, stderr: string, exitCode: number];

function check(rows: readonly Row[], setup: readonly string[] = []): void {
	it.each(rows)('%s', (command, stdout, stderr, exitCode) => {
		const engine = createEngine();
		for (const line of setup) expect(engine.exec(line).exitCode).toBe(0);
		expect(engine.exec(command)).toEqual({ stdout, stderr, exitCode });
	});
}

describe('host shell (bash + GNU coreutils messages)', () => {
	check(
		[
			['ls /nope', '', "ls: cannot access '/nope': No such file or directory\n", 2],
			['cat /nope', '', 'cat: /nope: No such file or directory\n', 1],
			['cat /tmp', '', 'cat: /tmp: Is a directory\n', 1],
			['mkdir /tmp/lab/a/b', '', "mkdir: cannot create directory '/tmp/lab/a/b': No such file or directory\n", 1],
			['mkdir /tmp/lab', '', "mkdir: cannot create directory '/tmp/lab': File exists\n", 1],
			['mkdir -p /tmp/lab/a/b && ls /tmp/lab/a', 'b\n', '', 0],
			['rm /tmp/lab', '', "rm: cannot remove '/tmp/lab': Is a directory\n", 1],
			['rm /tmp/lab/nope', '', "rm: cannot remove '/tmp/lab/nope': No such file or directory\n", 1],
			['rm -f /tmp/lab/nope', '', '', 0],
			['touch /nope/x', '', "touch: cannot touch '/nope/x': No such file or directory\n", 1],
			['cd /nope', '', 'bash: cd: /nope: No such file or directory\n', 1],
			['echo x > /nope/f', '', 'bash: /nope/f: No such file or directory\n', 1],
			['echo x > /tmp', '', 'bash: /tmp: Is a directory\n', 1],
			['frobnicate', '', 'bash: frobnicate: command not found\n', 127],
			["echo 'open", '', "bash: unexpected EOF while looking for matching `''\n", 2],
			['&& ls', '', "bash: syntax error near unexpected token `&&'\n", 2],
			['echo a && echo b || echo c; echo d', 'a\nb\nd\n', '', 0],
			['false || echo fallback', 'fallback\n', '', 0],
			['false && echo never', '', '', 1],
			['echo $HOME $PWD $NOPE.', '/root /tmp/lab .\n', '', 0],
			['echo "$(pwd)/x" \'$(pwd)\'', '/tmp/lab/x $(pwd)\n', '', 0],
			['echo -n a; echo b', 'ab\n', '', 0],
			['X=1; echo $X', '1\n', '', 0],
			['cd /tmp && pwd', '/tmp\n', '', 0],
			['ls -A /tmp/lab/g', '.hidden\nb.txt\n', '', 0],
			['echo /tmp/lab/g/*.txt /tmp/lab/g/*.none', '/tmp/lab/g/b.txt /tmp/lab/g/*.none\n', '', 0],
			['ls /tmp/lab/g', 'b.txt\n', '', 0],
			['cat /tmp/lab/g/b.txt /tmp/lab/g/b.txt', 'b\nb\n', '', 0],
			['echo more >> /tmp/lab/g/b.txt && cat /tmp/lab/g/b.txt', 'b\nmore\n', '', 0],
			['ls /tmp/lab/g /tmp/lab', '/tmp/lab:\ng\n\n/tmp/lab/g:\nb.txt\n', '', 0],
			['ls -la /tmp/lab/g', 'total 8\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 .\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 ..\n-rw-r--r-- 1 root root 2 Jan  1 00:00 .hidden\n-rw-r--r-- 1 root root 2 Jan  1 00:00 b.txt\n', '', 0],
			['test -d /tmp/lab/g && echo dir', 'dir\n', '', 0],
			['[ -f /tmp/lab/g ] || echo not-a-file', 'not-a-file\n', '', 0],
		],
		['mkdir -p /tmp/lab/g', 'echo b > /tmp/lab/g/b.txt', 'echo h > /tmp/lab/g/.hidden'],
	);
	it('keeps the working directory across commands', () => {
		const engine = createEngine();
		engine.exec('mkdir -p /tmp/lab/p && cd /tmp/lab/p');
		expect(engine.exec('pwd').stdout).toBe('/tmp/lab/p\n');
		expect(engine.snapshot().cwd).toBe('/tmp/lab/p');
	});
});

const run = (script: string): string => `docker run --rm busybox sh -c '${script}'`;

describe('container shell (busybox messages)', () => {
	check([
		['docker run --rm busybox ls /nope', '', 'ls: /nope: No such file or directory\n', 1],
		['docker run --rm busybox cat /nope', '', "cat: can't open '/nope': No such file or directory\n", 1],
		['docker run --rm busybox cat /tmp', '', 'cat: read error: Is a directory\n', 1],
		['docker run --rm busybox mkdir /a/b', '', "mkdir: can't create directory '/a/b': No such file or directory\n", 1],
		['docker run --rm busybox rm /tmp', '', "rm: '/tmp' is a directory\n", 1],
		['docker run --rm busybox rm /nope', '', "rm: can't remove '/nope': No such file or directory\n", 1],
		['docker run --rm busybox touch /nope/x', '', 'touch: /nope/x: No such file or directory\n', 1],
		['docker run --rm busybox sleep x', '', "sleep: invalid number 'x'\n", 1],
		[run('echo x > /nope/f'), '', "sh: can't create /nope/f: nonexistent directory\n", 1],
		[run('cat < /nope'), '', "sh: can't open /nope: no such file\n", 1],
		[run('cd /nope'), '', "sh: cd: can't cd to /nope: No such file or directory\n", 2],
		[run('frobnicate'), '', 'sh: frobnicate: not found\n', 127],
		[run('exit 3'), '', '', 3],
		[run('echo one; echo two >&2; false || echo three'), 'one\nthree\n', 'two\n', 0],
		[run('echo hi > /tmp/f && cat /tmp/f && rm /tmp/f && ls /tmp'), 'hi\n', '', 0],
		[run('echo out 2>&1 > /dev/null; echo err 2>/dev/null >&2'), '', '', 0],
		[run('echo $HOSTNAME | cat > /tmp/h; cat /etc/hostname /tmp/h | sort'), '', "sh: sort: this command is not modelled by the simulator\n", 127],
		['docker run --rm -e FOO=bar -w /work busybox sh -c \'echo $FOO $(pwd)\'', 'bar /work\n', '', 0],
		['docker run --rm busybox nosuch', '', 'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\n\nRun \'docker run --help\' for more information\n', 127],
	]);
});

describe('tokenizer and parser', () => {
	it('splits words, quotes and operators', () => {
		expect(commandWords(`docker run -v "my dir":/d busybox sh -c 'echo a && echo b'`)).toEqual(['docker', 'run', '-v', 'my dir:/d', 'busybox', 'sh', '-c', 'echo a && echo b']);
		expect(commandWords('docker run --na')).toEqual(['docker', 'run', '--na']);
		expect(commandWords("echo 'unfinished")).toEqual(['echo', "'unfinished"]);
	});
	it('parses redirects with descriptors and keeps `2>` apart from words', () => {
		const script = parseScript('echo a2>x 2>/dev/null >> log');
		if ('error' in script) throw new Error(script.error);
		const command = script[0]?.first[0];
		expect(command?.words.length).toBe(2);
		expect(command?.redirects.map((redirect) => [redirect.fd, redirect.op])).toEqual([
			[1, '>'],
			[2, '>'],
			[1, '>>'],
		]);
	});
	it('reports unterminated quotes and stray operators', () => {
		expect(parseScript('echo "x')).toEqual({ error: 'unterminated', token: '"' });
		expect(parseScript('| ls')).toEqual({ error: 'unexpected', token: '|' });
		expect(parseScript('ls &&')).toEqual({ error: 'unexpected', token: 'end of file' });
	});
});
