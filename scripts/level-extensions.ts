/**
 * Which engine extensions each Volume Lab level (and preset) makes a browser fetch: its setup and
 * reference solution are run on the browser's core engine (src/rules/core.ts), which answers
 * `needs: NAME` for a line that reaches an extension that is not loaded. The extension registry is
 * per module instance, so each entry runs in a worker of its own that starts with none registered.
 * Used by scripts/budgets.ts to report what a level session loads in all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parse } from 'yaml';
import type { ExtensionName } from '../src/rules/core.ts';

const LAB_DIR = fileURLToPath(new URL('../content/lab/', import.meta.url));

export interface LevelExtensions {
	readonly id: string;
	readonly kind: 'level' | 'preset';
	/** What the setup and the reference solution make the browser fetch, in the order first asked. */
	readonly needs: readonly ExtensionName[];
}

/** In a worker: run the lines on a core engine, loading each extension a line asks for and running it again. */
async function runInWorker(lines: readonly string[]): Promise<ExtensionName[]> {
	const { createCoreEngine, loadExtensions } = await import('../src/rules/core.ts');
	const engine = createCoreEngine();
	const needs: ExtensionName[] = [];
	for (const line of lines) {
		for (let result = engine.exec(line); result.needs !== undefined; result = engine.exec(line)) {
			if (needs.includes(result.needs)) throw new Error(`"${line}" asks for "${result.needs}" again after it was loaded`);
			needs.push(result.needs);
			await loadExtensions([result.needs]);
		}
	}
	return needs;
}

function inWorker(lines: readonly string[]): Promise<ExtensionName[]> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL(import.meta.url), { workerData: { lines } });
		worker.once('message', (needs: ExtensionName[]) => resolve(needs));
		worker.once('error', reject);
		worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`level worker exited with ${code}`))));
	});
}

/** Every entry of content/lab/ with the extensions its setup and reference solution need. */
export async function levelExtensions(dir = LAB_DIR): Promise<LevelExtensions[]> {
	const entries = readdirSync(dir)
		.filter((file) => file.endsWith('.yaml'))
		.sort()
		.map((file) => {
			const data = parse(readFileSync(join(dir, file), 'utf8')) as { kind: 'level' | 'preset'; setup?: string[]; solution?: string[] };
			return { id: file.replace(/\.yaml$/, ''), kind: data.kind, lines: [...(data.setup ?? []), ...(data.solution ?? [])] };
		});
	return Promise.all(entries.map(async ({ id, kind, lines }) => ({ id, kind, needs: await inWorker(lines) })));
}

if (!isMainThread && parentPort !== null) {
	const port = parentPort;
	void runInWorker((workerData as { lines: string[] }).lines).then((needs) => port.postMessage(needs));
}
