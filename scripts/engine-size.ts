/**
 * The size of the rules engine's browser bundle (issue 3: ≤ 25 KB gzip), shared by `npm run bench`
 * (which reports it) and `npm run budgets` (which fails the build above it).
 *
 * What counts is every value that the site's browser code (src/ outside src/rules: islands, stores,
 * the lab, the quizzes) imports from the engine's browser entry, src/rules/core.ts, found by reading
 * those imports; the extensions (src/rules/extensions.ts) are dynamic imports, chunks of their own
 * that a browser fetches when a command needs one, and stay out.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ENGINE_CHUNK_GROUPS } from './core-engine-modules.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Issue 3's target for the engine's browser bundle, gzip. */
export const ENGINE_TARGET_GZIP_BYTES = 25 * 1024;

export interface EngineSize {
	readonly label: string;
	/** How it was bundled and compressed. */
	readonly how: string;
	readonly minified: number;
	readonly gzip: number;
}

/** Every value imported from src/rules/core.ts by code under `src/` outside src/rules. */
export function browserImports(root = ROOT): string[] {
	const names = new Set<string>();
	const visit = (dir: string): void => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) {
				if (path !== join(root, 'src/rules')) visit(path);
			} else if (/\.(ts|astro|mdx)$/.test(entry.name)) {
				for (const [, type, list = ''] of readFileSync(path, 'utf8').matchAll(/\b(?:import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*['"][^'"]*\/rules\/core\.ts['"]/g)) {
					if (type !== undefined) continue;
					for (const item of list.split(',').map((part) => part.trim()))
						if (item !== '' && !item.startsWith('type ')) names.add((item.split(/\s+as\s+/)[0] as string).trim());
				}
			}
		}
	};
	visit(join(root, 'src'));
	return [...names].sort();
}

/** Runs `measure` with a temporary entry module at the repository's root that re-exports the browser's imports. */
async function withEntry<T>(measure: (entry: string) => Promise<T>): Promise<T> {
	const entry = join(ROOT, `.engine-entry-${process.pid}.ts`);
	writeFileSync(entry, `export { ${browserImports().join(', ')} } from './src/rules/core.ts';\n`);
	try {
		return await measure(entry);
	} finally {
		rmSync(entry, { force: true });
	}
}

/** esbuild --bundle --minify, gzip -9. */
export function esbuildEngineSize(): Promise<EngineSize> {
	return withEntry(async (entry) => {
		const result = await build({
			entryPoints: [entry],
			bundle: true,
			minify: true,
			format: 'esm',
			platform: 'browser',
			target: 'es2022',
			write: false,
			logLevel: 'silent',
			plugins: [{ name: 'extensions-apart', setup: (b) => b.onResolve({ filter: /\.ts$/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined)) }],
		});
		const code = Buffer.concat(result.outputFiles.map((f) => f.contents));
		return { label: `the engine the browser loads (${browserImports().join(', ')} from src/rules/core.ts; extensions apart), esbuild --bundle --minify, gzip -9`, how: 'esbuild --bundle --minify, gzip -9', minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
	});
}

type Chunk = { type: 'chunk' | 'asset'; fileName: string; code?: string; isEntry?: boolean; imports?: readonly string[] };
type Rolldown = (options: { input: string; logLevel: 'silent' }) => Promise<{ generate(options: { format: 'esm'; minify: boolean; codeSplitting: { groups: typeof ENGINE_CHUNK_GROUPS } }): Promise<{ output: readonly Chunk[] }> }>;

/** The same entry as the site's bundler builds it: rolldown (Vite 8) with its minifier, gzip -6 (as static hosts serve it). */
export async function rolldownEngineSize(): Promise<EngineSize> {
	const { rolldown } = (await import('rolldown')) as unknown as { rolldown: Rolldown };
	return withEntry(async (entry) => {
		const bundle = await rolldown({ input: entry, logLevel: 'silent' });
		// Grouped as the site groups it (scripts/core-engine-modules.mjs): the core in one chunk.
		const { output } = await bundle.generate({ format: 'esm', minify: true, codeSplitting: { groups: ENGINE_CHUNK_GROUPS } });
		// The entry chunk and what it imports statically; the extensions (dynamic entries) and the
		// chunks only they share are fetched on demand.
		const byName = new Map(output.map((chunk) => [chunk.fileName, chunk]));
		const loaded = new Set<Chunk>();
		const visit = (chunk: Chunk | undefined): void => {
			if (chunk === undefined || loaded.has(chunk)) return;
			loaded.add(chunk);
			for (const name of chunk.imports ?? []) visit(byName.get(name));
		};
		for (const chunk of output) if (chunk.isEntry === true) visit(chunk);
		const code = Buffer.from(output.map((chunk) => (loaded.has(chunk) ? (chunk.code ?? '') : '')).join(''));
		return { label: 'the same entry as the site bundles it: rolldown + minify, gzip -6', how: 'rolldown (the site’s bundler) + minify, gzip -6', minified: code.byteLength, gzip: gzipSync(code).byteLength };
	});
}
