import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine, type DockerVersion } from '../../src/rules/index.ts';
import { compareStep, parseTranscript, recordedDockerVersion, type Transcript } from './transcript.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const folders = ['shared', 'recorded', 'engine'] as const;

function load(folder: string): Array<{ file: string; transcript: Transcript }> {
	const dir = join(here, 'transcripts', folder);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.transcript'))
		.sort()
		.map((file) => ({ file, transcript: parseTranscript(readFileSync(join(dir, file), 'utf8')) }));
}

/** Which engine versions a transcript runs under: the recorded one, plus '29' when nothing version-specific is involved. */
function versionsFor(transcript: Transcript): DockerVersion[] {
	const recorded = recordedDockerVersion(transcript);
	const explicit = /^simulator.*dockerVersion (29|20\.10)/.exec(transcript.recorded)?.[1] as DockerVersion | undefined;
	const base = explicit ?? recorded ?? '29';
	const versionSpecific = transcript.tags.some((tag) => ['prune', '20.10', '29', 'relative-bind', 'labels'].includes(tag));
	return base === '20.10' && !versionSpecific ? ['20.10', '29'] : [base];
}

function replay(transcript: Transcript, version: DockerVersion): string[] {
	const engine = createEngine({ seed: 7, dockerVersion: version });
	const problems: string[] = [];
	for (const step of transcript.steps) {
		const actual = engine.exec(step.command);
		const comparison = compareStep(step, actual, { strictStderr: transcript.strictStderr });
		if (!comparison.ok) problems.push(`line ${step.line}: $ ${step.command}\n${comparison.problems.join('\n')}\n(stderr was: ${actual.stderr})`);
	}
	return problems;
}

for (const folder of folders) {
	const transcripts = load(folder);
	if (transcripts.length === 0) continue;
	describe(`transcripts/${folder}`, () => {
		for (const { file, transcript } of transcripts) {
			for (const version of versionsFor(transcript)) {
				it(`${file} (dockerVersion ${version})`, () => {
					expect(replay(transcript, version)).toEqual([]);
				});
			}
		}
	});
}

describe('transcripts/shared', () => {
	const reference = join(here, '../../../shared/reference/transcripts');
	it.runIf(existsSync(reference))('is a byte-identical copy of ../shared/reference/transcripts', () => {
		const names = readdirSync(reference).filter((file) => file.endsWith('.transcript')).sort();
		const copies = readdirSync(join(here, 'transcripts', 'shared')).filter((file) => file.endsWith('.transcript')).sort();
		expect(copies).toEqual(names);
		for (const name of names) expect(readFileSync(join(here, 'transcripts', 'shared', name)).equals(readFileSync(join(reference, name)))).toBe(true);
	});
});
