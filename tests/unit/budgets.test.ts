/**
 * What a lab level's session loads in all (scripts/budgets.ts): an ordinary session plus the chunks
 * of the extensions it fetches, where a chunk two extensions share is fetched, and counted, once.
 */
import { describe, expect, it } from 'vitest';
import { BuiltSite, levelExtraJs, levelProblems, weigh, type PageWeight } from '../../scripts/budgets.ts';

const lab = {
	onDemandClosure: {
		tar: { '/_astro/tar.a.js': 4000, '/_astro/owners.b.js': 200 },
		'file-tools': { '/_astro/file-tools.c.js': 1600, '/_astro/owners.b.js': 200 },
		'image-commands': { '/_astro/image-commands.d.js': 900, '/_astro/images.e.js': 950 },
		build: { '/_astro/build.f.js': 2800, '/_astro/images.e.js': 950 },
	},
} as unknown as PageWeight;

describe('levelExtraJs', () => {
	it('is nothing for a level that fetches no extension', () => {
		expect(levelExtraJs(lab, [])).toBe(0);
	});

	it('counts an extension with the chunks it imports', () => {
		expect(levelExtraJs(lab, ['tar'])).toBe(4200);
	});

	it('counts a chunk that two fetched extensions share once', () => {
		expect(levelExtraJs(lab, ['tar', 'files'])).toBe(5800);
		expect(levelExtraJs(lab, ['images', 'build'])).toBe(900 + 2800 + 950);
	});
});

describe('levelProblems', () => {
	const KB = 1024;
	const page = (path: string, js: number, lazyJs: number, onDemandClosure: PageWeight['onDemandClosure'] = {}) =>
		({ path, js, lazyJs, onDemand: Object.fromEntries(Object.entries(onDemandClosure).map(([name, chunks]) => [name, Object.values(chunks)[0] ?? 0])), onDemandClosure }) as unknown as PageWeight;
	const reference = { ko: page('', 5 * KB, 26 * KB), en: page('en/', 5 * KB, 26 * KB) };
	const closure = { tar: { '/_astro/tar.a.js': 4 * KB }, nginx: { '/_astro/nginx.b.js': 2 * KB } };
	// An ordinary session of 37 KB (our JS beyond the reference's 31 KB); the English page loads 0.5 KB more.
	const measurement = {
		reference,
		pages: [page('lab/', 7 * KB, 61 * KB + 6 * KB, closure), page('en/lab/', 7.5 * KB, 61 * KB + 6 * KB, closure)],
	};
	const levels = [
		{ id: 'plain', kind: 'level' as const, needs: [] },
		{ id: 'web', kind: 'level' as const, needs: ['nginx' as const] },
		{ id: 'backup', kind: 'level' as const, needs: ['tar' as const] },
		{ id: 'a-preset', kind: 'preset' as const, needs: ['tar' as const] },
	];

	it('passes levels within 40 KB in both languages and ignores presets', () => {
		expect(levelProblems(measurement, levels.slice(0, 2), [])).toEqual([]);
		expect(levelProblems(measurement, [levels[3] as (typeof levels)[number]], [])).toEqual([]);
	});

	it('fails a level over 40 KB in the heavier language, naming it', () => {
		expect(levelProblems(measurement, levels, [])).toEqual(['lab level backup: 41.5 KB of our JS for its session > 40.0 KB']);
	});

	it('lets a waiver raise the limit to its ceiling, and no further', () => {
		const waiver = { slug: 'backup', budget: 'levelJs' as const, ceiling: 41.5 * KB, reason: 'tar' };
		expect(levelProblems(measurement, levels, [waiver])).toEqual([]);
		expect(levelProblems(measurement, levels, [{ ...waiver, ceiling: 41 * KB }])).toEqual(['lab level backup: 41.5 KB of our JS for its session > 41.0 KB (its waiver’s ceiling)']);
	});
});

describe('weigh', () => {
	it('counts the code of inline scripts, gzipped one by one, and what an inline module imports', async () => {
		const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const { gzipSync } = await import('node:zlib');
		const dist = mkdtempSync(join(tmpdir(), 'mp-weigh-'));
		mkdirSync(join(dist, '_astro'));
		mkdirSync(join(dist, 'page'));
		const classic = `(()=>{${'document.documentElement.dataset.x="1";'.repeat(20)}})();`;
		const module = `import "./dep.js";console.log("inline module");`;
		const dep = `export const dep=${JSON.stringify('x'.repeat(300))};`;
		writeFileSync(join(dist, '_astro', 'dep.js'), dep);
		writeFileSync(join(dist, 'page', 'index.html'), `<html><head><script>${classic}</script><script type="module">${module.replace('./dep.js', '/_astro/dep.js')}</script></head><body></body></html>`);
		const weight = weigh(new BuiltSite(dist, '/'), 'page/', 0);
		const gz = (text: string) => gzipSync(text).length;
		expect(weight.js).toBe(gz(classic) + gz(module.replace('./dep.js', '/_astro/dep.js')) + gz(dep));
	});
});
