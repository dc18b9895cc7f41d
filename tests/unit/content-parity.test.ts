/**
 * Onboarding links must work in either language: every Korean page has an English twin with the
 * same heading anchors (`{#id}`) and the same misconception ids, and every heading has an anchor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = 'content/docs';
const koPages = readdirSync(root).filter((name) => /\.mdx?$/.test(name));

function outsideCode(source: string): string {
	return source.replace(/^(```|~~~)[\s\S]*?^\1/gm, '');
}

function headingsOf(source: string): { text: string; id: string | undefined }[] {
	return [...outsideCode(source).matchAll(/^#{2,4} (.+)$/gm)].map(([, line = '']) => {
		const match = /\s\{#([a-z][a-z0-9-]*)\}\s*$/.exec(line);
		return { text: line, id: match?.[1] };
	});
}

const misconceptionIds = (source: string) => [...source.matchAll(/<Misconception\s[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]);

describe('Korean and English pages', () => {
	it('exist in pairs', () => {
		const enPages = readdirSync(join(root, 'en')).filter((name) => /\.mdx?$/.test(name));
		expect(enPages.sort()).toEqual([...koPages].sort());
	});

	for (const page of koPages) {
		const ko = readFileSync(join(root, page), 'utf8');
		const en = readFileSync(join(root, 'en', page), 'utf8');

		it(`${page}: every heading has a stable ASCII anchor`, () => {
			for (const source of [ko, en]) {
				const missing = headingsOf(source).filter((h) => !h.id);
				expect(missing.map((h) => h.text)).toEqual([]);
			}
		});

		it(`${page}: same anchors, in the same order, in both languages`, () => {
			expect(headingsOf(en).map((h) => h.id)).toEqual(headingsOf(ko).map((h) => h.id));
		});

		it(`${page}: same misconception asides in both languages`, () => {
			expect(misconceptionIds(en)).toEqual(misconceptionIds(ko));
		});
	}
});
