/**
 * scripts/level-extensions.ts: which engine extensions a lab entry's setup and reference solution
 * make a browser fetch (scripts/budgets.ts adds their chunks to the level's session).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { levelExtensions } from '../../scripts/level-extensions.ts';

const dir = mkdtempSync(join(tmpdir(), 'mp-levels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (kind: 'level' | 'preset', setup: string[], solution: string[] = []) =>
	[`kind: ${kind}`, 'setup:', ...setup.map((line) => `  - ${JSON.stringify(line)}`), ...(solution.length > 0 ? ['solution:', ...solution.map((line) => `  - ${JSON.stringify(line)}`)] : [])].join('\n');

describe('levelExtensions', () => {
	it('names what each entry needs, in the order first asked, each once, and nothing for core-only entries', async () => {
		writeFileSync(join(dir, 'a-plain.yaml'), entry('preset', ['docker volume create data', 'docker run --rm -v data:/d busybox ls /d', 'docker volume ls']));
		writeFileSync(
			join(dir, 'b-backup.yaml'),
			entry('level', ['docker run -d --name db -v data:/data busybox sleep 600'], ['docker run --rm --volumes-from db -v /tmp/lab:/b busybox tar cf /b/x.tar /data', 'docker run --rm -v /tmp/lab:/b busybox tar tf /b/x.tar', "docker volume ls --format '{{.Name}}-{{.Driver}}'"]),
		);
		writeFileSync(join(dir, 'c-web.yaml'), entry('level', ['docker run -d --name web --mount type=volume,src=site,dst=/usr/share/nginx/html nginx'], ['docker commit web snap']));
		expect(await levelExtensions(dir)).toEqual([
			{ id: 'a-plain', kind: 'preset', needs: [] },
			{ id: 'b-backup', kind: 'level', needs: ['tar', 'templates'] },
			{ id: 'c-web', kind: 'level', needs: ['mounts', 'nginx', 'images'] },
		]);
	});
});
