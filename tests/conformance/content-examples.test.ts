/**
 * Every ```console session shown in a chapter is what the rules engine prints.
 *
 * A chapter's console block is a self-contained session from an empty Docker host: `$ ` lines are
 * commands, the other lines are what the terminal shows (stdout, then stderr). Each block is
 * replayed through the engine and compared after the transcript normalisation (ids → <hex64> /
 * <hex12>, `volume ls`/`ps` as multisets). A block whose fence says `docker=20.10` runs on the
 * 20.10 model; the default is current Docker (29). Exit codes are not shown in chapters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, type DockerVersion } from '../../src/rules/index.ts';
import { isUnorderedListing, normalise } from './transcript.ts';

interface ConsoleBlock {
	file: string;
	line: number;
	version: DockerVersion;
	steps: { command: string; output: string[] }[];
}

function mdxFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? mdxFiles(join(dir, entry.name)) : /\.mdx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
	);
}

export function consoleBlocks(file: string, source: string): ConsoleBlock[] {
	const blocks: ConsoleBlock[] = [];
	const lines = source.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const fence = /^```console\b(.*)$/.exec(lines[i] ?? '');
		if (!fence) continue;
		const version: DockerVersion = /\bdocker=20\.10\b/.test(fence[1] ?? '') ? '20.10' : '29';
		const block: ConsoleBlock = { file, line: i + 1, version, steps: [] };
		for (i++; i < lines.length && lines[i] !== '```'; i++) {
			const line = lines[i] ?? '';
			if (line.startsWith('$ ')) block.steps.push({ command: line.slice(2), output: [] });
			else block.steps.at(-1)?.output.push(line);
		}
		blocks.push(block);
	}
	return blocks;
}

function replay(block: ConsoleBlock): string[] {
	const engine = createEngine({ seed: 1, dockerVersion: block.version });
	const problems: string[] = [];
	for (const { command, output } of block.steps) {
		const result = engine.exec(command);
		const shown = [result.stdout, result.stderr].filter((text) => text !== '').join('\n');
		let want = normalise(output.join('\n')).split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
		let got = normalise(shown).split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
		const listing = isUnorderedListing(command);
		if (listing.unordered) {
			const sort = (ls: string[]) => (listing.hasHeader ? [ls[0] ?? '', ...ls.slice(1).sort()] : [...ls].sort());
			want = sort(want);
			got = sort(got);
		}
		if (want.join('\n') !== got.join('\n')) {
			problems.push(`$ ${command}\n--- chapter shows\n${want.join('\n')}\n--- engine prints\n${got.join('\n')}`);
		}
	}
	return problems;
}

const blocks = mdxFiles('content/docs').flatMap((file) => consoleBlocks(file, readFileSync(file, 'utf8')));

describe('console sessions in the chapters', () => {
	it('exist (the chapters show real sessions)', () => {
		expect(blocks.length).toBeGreaterThan(20);
	});
	for (const block of blocks) {
		it(`${block.file}:${block.line} replays exactly on the engine (docker ${block.version})`, () => {
			expect(replay(block)).toEqual([]);
		});
	}
});
