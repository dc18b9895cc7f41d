/**
 * The pieces of the verification tooling that run without a real engine: the transcript writer
 * (harness --record, lab) and the bench's command generator.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScript } from '../../../scripts/bench-engine.ts';
import { createEngine } from '../../../src/rules/index.ts';
import { parseTranscript } from '../transcript.ts';
import { formatStep, formatTranscript, stepFromOutput } from './transcript-writer.ts';

const transcriptsDir = new URL('../transcripts/', import.meta.url).pathname;
const files = ['shared', 'recorded', 'recorded/gaps', 'engine']
	.filter((folder) => existsSync(join(transcriptsDir, folder)))
	.flatMap((folder) =>
		readdirSync(join(transcriptsDir, folder))
			.filter((name) => name.endsWith('.transcript'))
			.map((name) => join(folder, name)),
	);

describe('transcript writer', () => {
	it.each(files)('writes %s back exactly as parseTranscript reads it', (file) => {
		const text = readFileSync(join(transcriptsDir, file), 'utf8');
		const transcript = parseTranscript(text);
		const header = Object.entries(transcript.header);
		const rewritten = formatTranscript(header, transcript.steps);
		expect(rewritten).toBe(text.endsWith('\n') ? text : `${text}\n`);
	});

	it('keeps trailing spaces, blank stderr lines and the exit status', () => {
		const step = stepFromOutput('docker x', { exitCode: 125, stdout: 'volume /a true \n', stderr: 'docker: boom\n\nRun it\n' });
		expect(formatStep(step)).toBe('$ docker x\nvolume /a true \n! docker: boom\n! \n! Run it\n[exit 125]');
		expect(parseTranscript(`${formatStep(step)}\n`).steps[0]).toEqual({ ...step, line: 1 });
	});

	it('writes a line with carriage returns as a terminal shows it', () => {
		const step = stepFromOutput('docker build', { exitCode: 0, stdout: 'Sending 0B\rSending 2kB\r\r\nStep 1/1\r\n', stderr: '' });
		expect(step.stdout).toEqual(['Sending 2kB', 'Step 1/1']);
	});

	it('refuses stdout that would be read back as something else', () => {
		expect(() => formatStep(stepFromOutput('cat f', { exitCode: 0, stdout: '$ not a prompt\n', stderr: '' }))).toThrow(/cannot be written/);
	});
});

describe('bench script generator', () => {
	it('is deterministic per seed', () => {
		expect(generateScript(5, 300)).toEqual(generateScript(5, 300));
		expect(generateScript(5, 300)).not.toEqual(generateScript(6, 300));
	});

	it.each(['29', '20.10'] as const)('produces only commands the engine (Docker %s) accepts', (dockerVersion) => {
		const engine = createEngine({ seed: 1, dockerVersion });
		const refused = generateScript(3, 1500)
			.map((command) => ({ command, result: engine.exec(command) }))
			.filter(({ result }) => result.exitCode !== 0)
			.map(({ command, result }) => `${command} → ${result.stderr.trim()}`);
		expect(refused).toEqual([]);
	});
});
