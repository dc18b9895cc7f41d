/**
 * What a lab level's session loads in all (scripts/budgets.ts): an ordinary session plus the chunks
 * of the extensions it fetches, where a chunk two extensions share is fetched, and counted, once.
 */
import { describe, expect, it } from 'vitest';
import { levelExtraJs, type PageWeight } from '../../scripts/budgets.ts';

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
