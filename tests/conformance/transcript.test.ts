import { describe, expect, it } from 'vitest';
import { compareStep, isUnorderedListing, normalise, parseTranscript, recordedDockerVersion } from './transcript.ts';

const sample = [
	'# title: a sample',
	'# images: volume-demo, busybox',
	'# recorded: Docker Engine 20.10.24+dfsg1 (API 1.41), docker CLI 28.2.2',
	'# strict-stderr',
	'$ docker run --name dup busybox true',
	'$ docker run --name dup busybox true',
	'! docker: Error response from daemon: Conflict.',
	'! ',
	"! Run 'docker run --help' for more information",
	'[exit 125]',
	"$ docker inspect -f '{{range .Mounts}}{{.Type}} {{end}}' x",
	'volume ',
	'',
	'$ docker volume ls -q',
	'',
].join('\n');

describe('parseTranscript', () => {
	const transcript = parseTranscript(sample);
	it('reads the header keys', () => {
		expect(transcript.title).toBe('a sample');
		expect(transcript.images).toEqual(['volume-demo', 'busybox']);
		expect(transcript.strictStderr).toBe(true);
		expect(recordedDockerVersion(transcript)).toBe('20.10');
	});
	it('keeps a `! ` line as a blank stderr line and reads [exit N]', () => {
		const step = transcript.steps[1];
		expect(step?.stderr).toEqual(['docker: Error response from daemon: Conflict.', '', "Run 'docker run --help' for more information"]);
		expect(step?.exitCode).toBe(125);
		expect(step?.stdout).toEqual([]);
	});
	it('keeps trailing spaces and blank lines in stdout verbatim', () => {
		expect(transcript.steps[2]?.stdout).toEqual(['volume ', '']);
		expect(transcript.steps[3]?.stdout).toEqual([]);
		expect(transcript.steps[0]?.exitCode).toBe(0);
	});
	it('rejects output after [exit N] and junk before the first command', () => {
		expect(() => parseTranscript('$ x\n[exit 1]\nmore')).toThrow(/after \[exit N\]/);
		expect(() => parseTranscript('junk\n$ x')).toThrow(/header/);
	});
});

describe('normalise', () => {
	it('replaces 64-hex runs and standalone 12-hex words', () => {
		const id = 'a'.repeat(63) + 'b';
		expect(normalise(`x ${id} y`)).toBe('x <hex64> y');
		expect(normalise('cf2c4e280266   busybox')).toBe('<hex12>   busybox');
		expect(normalise('cf2c4e2802661')).toBe('cf2c4e2802661');
		expect(normalise(`/volumes/${id}/_data`)).toBe('/volumes/<hex64>/_data');
	});
	it('drops trailing whitespace and trailing blank lines', () => {
		expect(normalise('a  \nb\t\n\n\n')).toBe('a\nb');
	});
});

describe('compareStep', () => {
	const step = (command: string, stdout: string[], stderr: string[] = [], exitCode = 0) => ({ command, stdout, stderr, exitCode, line: 1 });
	it('compares volume ls / ps as a multiset with the header first', () => {
		expect(isUnorderedListing('docker volume ls')).toEqual({ unordered: true, hasHeader: true });
		expect(isUnorderedListing('docker ps -aq')).toEqual({ unordered: true, hasHeader: false });
		expect(isUnorderedListing("docker ps --format '{{.Names}}'")).toEqual({ unordered: true, hasHeader: false });
		expect(compareStep(step('docker volume ls -q', ['a', 'b']), { exitCode: 0, stdout: 'b\na\n', stderr: '' }).ok).toBe(true);
		expect(compareStep(step('docker volume ls', ['DRIVER    VOLUME NAME', 'local     b', 'local     a']), { exitCode: 0, stdout: 'DRIVER    VOLUME NAME\nlocal     a\nlocal     b\n', stderr: '' }).ok).toBe(true);
		expect(compareStep(step('docker volume ls', ['H', 'x']), { exitCode: 0, stdout: 'x\nH\n', stderr: '' }).ok).toBe(false);
		expect(compareStep(step('docker exec a ls', ['a', 'b']), { exitCode: 0, stdout: 'b\na\n', stderr: '' }).ok).toBe(false);
	});
	it('requires stderr exactly when expected and compares its text only when strict', () => {
		const failing = step('docker rm x', [], ['Error response from daemon: No such container: x'], 1);
		expect(compareStep(failing, { exitCode: 1, stdout: '', stderr: 'something else\n' }).ok).toBe(true);
		expect(compareStep(failing, { exitCode: 1, stdout: '', stderr: 'something else\n' }, { strictStderr: true }).ok).toBe(false);
		expect(compareStep(failing, { exitCode: 1, stdout: '', stderr: '' }).problems).toEqual(['expected output on stderr, got none']);
		expect(compareStep(step('true', []), { exitCode: 0, stdout: '', stderr: 'oops' }).ok).toBe(false);
	});
	it('checks the exit status', () => {
		expect(compareStep(step('x', []), { exitCode: 2, stdout: '', stderr: '' }).problems).toEqual(['exit status: expected 0, got 2']);
	});
});
