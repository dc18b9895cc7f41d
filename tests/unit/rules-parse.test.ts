import { describe, expect, it } from 'vitest';
import { parseVolumeFlag } from '../../src/rules/docker/cli.ts';
import { parseMountFlag } from '../../src/rules/docker/mount-syntax.ts';
import { parseFlags, specFor } from '../../src/rules/cli/flags.ts';
import { createEngine } from '../../src/rules/index.ts';

describe('-v parsing (CLI 28 volumespec)', () => {
	it.each([
		['/data', { source: '', target: '/data', isBind: false }],
		['/a', { source: '', target: '/a', isBind: false }],
		['name:/data', { source: 'name', target: '/data', isBind: false }],
		['name:/data:ro', { source: 'name', target: '/data', isBind: false }],
		['/host:/data', { source: '/host', target: '/data', isBind: true }],
		['./rel:/data', { source: './rel', target: '/data', isBind: true }],
		['~/x:/data', { source: '~/x', target: '/data', isBind: true }],
		// A single letter before ':' reads as a Windows drive: the whole spec is a container path.
		['a:/data', { source: '', target: 'a:/data', isBind: false }],
		['ab:/data', { source: 'ab', target: '/data', isBind: false }],
		['C:/x:/data', { source: 'C:/x', target: '/data', isBind: true }],
		['a::/b', { source: 'a:', target: '/b', isBind: true }],
	])('%s', (spec, expected) => {
		expect(parseVolumeFlag(spec)).toEqual(expected);
	});
	it.each([
		['', 'invalid empty volume spec'],
		['ab::/b', 'invalid spec: ab::/b: empty section between colons'],
		['ab:/b:ro:x', 'invalid spec: ab:/b:ro:x: too many colons'],
	])('rejects %j', (spec, error) => {
		expect(parseVolumeFlag(spec)).toEqual({ error });
	});
});

describe('--mount parsing (opts/mount.go)', () => {
	const base = { type: 'volume', source: '', target: '', readOnly: false, noCopy: false };
	it.each([
		['type=volume,src=v,dst=/d', { ...base, source: 'v', target: '/d' }],
		['type=volume,source=v,destination=/d', { ...base, source: 'v', target: '/d' }],
		['src=v,target=/d', { ...base, source: 'v', target: '/d' }],
		['type=bind,src=/h,dst=/d,ro', { ...base, type: 'bind', source: '/h', target: '/d', readOnly: true }],
		['type=bind,src=/h,dst=/d,readonly', { ...base, type: 'bind', source: '/h', target: '/d', readOnly: true }],
		['type=bind,src=/h,dst=/d,readonly=false', { ...base, type: 'bind', source: '/h', target: '/d' }],
		['type=volume,src=v,dst=/d,volume-nocopy', { ...base, source: 'v', target: '/d', noCopy: true }],
		['type=volume,src=v,dst=/d,volume-nocopy=true', { ...base, source: 'v', target: '/d', noCopy: true }],
		['type=tmpfs,dst=/t', { ...base, type: 'tmpfs', target: '/t' }],
		['type=TMPFS,dst=/t,tmpfs-size=64m', { ...base, type: 'tmpfs', target: '/t' }],
		['type=bind,src=./x,dst=/d', { ...base, type: 'bind', source: '/tmp/lab/x', target: '/d' }],
	])('%s', (value, expected) => {
		expect(parseMountFlag(value, '/tmp/lab', true)).toEqual(expected);
	});
	it('keeps ./x relative for the 20.10 CLI', () => {
		expect(parseMountFlag('type=bind,src=./x,dst=/d', '/tmp/lab', false)).toMatchObject({ source: './x' });
	});
	it.each([
		['type=volume,src=v', 'target is required'],
		['type=volume,bogus=1,dst=/d', "unexpected key 'bogus' in 'bogus=1'"],
		['type=volume,dst=/d,nonsense', "invalid field 'nonsense' must be a key=value pair"],
		['type=volume,dst=/d,readonly=maybe', 'invalid value for readonly: maybe'],
		['type=bind,src=/h,dst=/d,volume-nocopy', "cannot mix 'volume-*' options with mount type 'bind'"],
		['type=volume,dst=/d,bind-propagation=shared', "cannot mix 'bind-*' options with mount type 'volume'"],
		['type=volume,dst=/d,tmpfs-size=1m', "cannot mix 'tmpfs-*' options with mount type 'volume'"],
	])('rejects %s', (value, error) => {
		expect(parseMountFlag(value, '/', true)).toEqual({ error });
	});
});

describe('pflag-style argv parsing', () => {
	const run = specFor('run');
	const ps = specFor('ps');
	if (run === undefined || ps === undefined) throw new Error('specs missing');
	it('combines shorthands, reads attached and separate values, stops at the image', () => {
		const parsed = parseFlags(run, ['-dit', '-v/a', '-v', 'b:/b', '--name=x', '-e=K=V', 'busybox', 'ls', '-l']);
		if ('error' in parsed) throw new Error(parsed.error);
		expect(parsed.flags.get('detach')).toBe(true);
		expect(parsed.flags.get('interactive')).toBe(true);
		expect(parsed.flags.get('tty')).toBe(true);
		expect(parsed.flags.get('volume')).toEqual(['/a', 'b:/b']);
		expect(parsed.flags.get('name')).toBe('x');
		expect(parsed.flags.get('env')).toEqual(['K=V']);
		expect(parsed.args).toEqual(['busybox', 'ls', '-l']);
	});
	it('intersperses flags and operands for other commands', () => {
		const parsed = parseFlags(ps, ['--filter', 'status=exited', '-aq']);
		expect(parsed).toMatchObject({ args: [], help: false });
	});
	it.each([
		[['--bogus'], 'unknown flag: --bogus'],
		[['-x'], "unknown shorthand flag: 'x' in -x"],
		[['-dx'], "unknown shorthand flag: 'x' in -dx"],
		[['--name'], 'flag needs an argument: --name'],
		[['-v'], "flag needs an argument: 'v' in -v"],
		[['--rm=maybe'], 'invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
	])('%j → %s', (argv, error) => {
		expect(parseFlags(run, argv)).toEqual({ error });
	});
});

describe('-v and --mount through the daemon', () => {
	const mounts = (flags: string, version: '29' | '20.10' = '29'): string => {
		const engine = createEngine({ dockerVersion: version });
		engine.exec('mkdir -p /tmp/lab/h');
		const run = engine.exec(`docker run --name cc ${flags} busybox true`);
		if (run.exitCode !== 0) return `exit ${run.exitCode}: ${run.stderr.split('\n')[0]}`;
		return engine.exec("docker inspect -f '{{range .Mounts}}{{.Type}}|{{.Name}}|{{.Source}}|{{.Destination}}|{{.Mode}}|{{.RW}}|{{.Propagation}};{{end}}' cc").stdout.trim().replace(/[0-9a-f]{64}/g, 'ID');
	};
	it.each([
		['-v /data', 'volume|ID|/var/lib/docker/volumes/ID/_data|/data||true|;'],
		['-v named:/data', 'volume|named|/var/lib/docker/volumes/named/_data|/data|z|true|;'],
		['-v named:/data:ro', 'volume|named|/var/lib/docker/volumes/named/_data|/data|ro|false|;'],
		['-v named:/data:nocopy', 'volume|named|/var/lib/docker/volumes/named/_data|/data|nocopy|true|;'],
		['-v /tmp/lab/h:/data', 'bind||/tmp/lab/h|/data||true|rprivate;'],
		['-v /tmp/lab/h:/data:ro,rshared', 'bind||/tmp/lab/h|/data|ro,rshared|false|rshared;'],
		['--mount type=volume,dst=/data', 'volume|ID|/var/lib/docker/volumes/ID/_data|/data|z|true|;'],
		['--mount type=volume,src=v2,dst=/data,ro', 'volume|v2|/var/lib/docker/volumes/v2/_data|/data|z|false|;'],
		['--mount type=bind,src=/tmp/lab/h,dst=/data', 'bind||/tmp/lab/h|/data||true|rprivate;'],
		['--mount type=tmpfs,dst=/data', 'tmpfs|||/data||true|;'],
		['--tmpfs /data', ''],
		['-v a:/data', 'volume|ID|/var/lib/docker/volumes/ID/_data|a:/data||true|;'],
		['-v x:/data', 'volume|ID|/var/lib/docker/volumes/ID/_data|x:/data||true|;'],
		['-v bad!name:/data', 'exit 125: docker: Error response from daemon: create bad!name: "bad!name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path'],
		['-v named:/data:bogus', 'exit 125: docker: Error response from daemon: invalid mode: bogus'],
		['-v /data:ro', "exit 125: docker: Error response from daemon: invalid volume specification: '/data:ro'"],
		['-v v1:/d -v v2:/d', 'exit 125: docker: Error response from daemon: Duplicate mount point: /d'],
		['--mount type=volume,dst=/d,ro', 'exit 125: docker: Error response from daemon: invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes'],
		['--mount type=bind,src=/tmp/lab/missing,dst=/d', 'exit 125: docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: /tmp/lab/missing'],
		['--mount type=volume,src=v,dst=/', "exit 125: docker: Error response from daemon: invalid mount config for type \"volume\": invalid specification: destination can't be '/'"],
	])('%s', (flags, expected) => {
		expect(mounts(flags)).toBe(expected);
	});
});
