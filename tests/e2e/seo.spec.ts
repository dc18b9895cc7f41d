/**
 * Search and sharing metadata, read straight from the built HTML (no browser needed): titles and
 * descriptions that exist, differ from page to page and are written in the page's language;
 * canonical URLs and hreflang alternates with SITE and BASE applied; Open Graph; sitemap; robots.txt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { parse } from 'parse5';
import { builtPages } from './helpers.ts';

const site = (process.env['SITE'] ?? 'http://127.0.0.1:4321').replace(/\/$/, '');
const base = (process.env['BASE'] ?? '/').replace(/\/?$/, '/');
const absolute = (path: string) => `${site}${base}${path}`;

interface Node {
	nodeName: string;
	attrs?: { name: string; value: string }[];
	childNodes?: Node[];
	value?: string;
}

function elements(node: Node, name: string, found: Node[] = []): Node[] {
	if (node.nodeName === name) found.push(node);
	for (const child of node.childNodes ?? []) elements(child, name, found);
	return found;
}
const attr = (node: Node | undefined, name: string) => node?.attrs?.find((a) => a.name === name)?.value;
const text = (node: Node | undefined): string => (node?.value ?? '') + (node?.childNodes ?? []).map(text).join('');

/** Head metadata of one built page. */
function headOf(path: string) {
	const doc = parse(readFileSync(join('dist', path, 'index.html'), 'utf8')) as unknown as Node;
	const metas = elements(doc, 'meta');
	const links = elements(doc, 'link');
	const meta = (key: 'name' | 'property', value: string) => attr(metas.find((m) => attr(m, key) === value), 'content');
	return {
		lang: attr(elements(doc, 'html')[0], 'lang'),
		title: text(elements(doc, 'title')[0]).trim(),
		description: meta('name', 'description') ?? '',
		canonical: attr(links.find((l) => attr(l, 'rel') === 'canonical'), 'href'),
		alternates: Object.fromEntries(links.filter((l) => attr(l, 'rel') === 'alternate' && attr(l, 'hreflang')).map((l) => [attr(l, 'hreflang'), attr(l, 'href')])),
		og: (property: string) => meta('property', property),
		twitterImage: meta('name', 'twitter:image'),
	};
}

const pages = builtPages();
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;
const isEnglish = (path: string) => path.startsWith('en/');
/** The same page in the other language. */
const twinOf = (path: string) => (isEnglish(path) ? path.slice('en/'.length) : `en/${path}`);

test('every page has a twin in the other language', () => {
	for (const path of pages) expect(pages, `twin of /${path}`).toContain(twinOf(path));
});

for (const lang of ['ko', 'en'] as const) {
	test(`${lang}: titles and descriptions exist, differ between pages and are in ${lang === 'ko' ? 'Korean' : 'English'}`, () => {
		const heads = pages.filter((path) => isEnglish(path) === (lang === 'en')).map((path) => ({ path, ...headOf(path) }));
		expect(heads.length).toBeGreaterThan(0);
		const problems: string[] = [];
		for (const { path, lang: pageLang, title, description } of heads) {
			if (pageLang !== lang) problems.push(`/${path}: <html lang="${pageLang}">`);
			if (!title) problems.push(`/${path}: empty <title>`);
			if (!description) problems.push(`/${path}: empty meta description`);
			for (const [what, value] of [['title', title], ['description', description]] as const) {
				if (lang === 'ko' && !HANGUL.test(value)) problems.push(`/${path}: ${what} has no Korean: "${value}"`);
				if (lang === 'en' && HANGUL.test(value)) problems.push(`/${path}: ${what} is not English: "${value}"`);
			}
		}
		for (const key of ['title', 'description'] as const) {
			const byValue = Map.groupBy(heads, (head) => head[key]);
			for (const [value, same] of byValue) {
				if (same.length > 1) problems.push(`same ${key} "${value}" on ${same.map((head) => `/${head.path}`).join(', ')}`);
			}
		}
		expect(problems).toEqual([]);
	});
}

for (const path of pages) {
	test(`/${path}: canonical, hreflang and Open Graph`, () => {
		const head = headOf(path);
		const url = absolute(path);
		const koUrl = absolute(isEnglish(path) ? twinOf(path) : path);
		const enUrl = absolute(isEnglish(path) ? path : twinOf(path));
		expect(head.canonical).toBe(url);
		expect(head.alternates).toEqual({ ko: koUrl, en: enUrl, 'x-default': koUrl });
		expect(head.og('og:url')).toBe(url);
		// og:title is the page's own title: what <title> starts with, before the site name.
		expect(head.og('og:title')).toMatch(/\S/);
		expect(head.title.startsWith(`${head.og('og:title')} | `)).toBe(true);
		expect(head.og('og:description')).toBe(head.description);
		expect(head.og('og:locale')).toBe(isEnglish(path) ? 'en_US' : 'ko_KR');
		expect(head.og('og:locale:alternate')).toBe(isEnglish(path) ? 'ko_KR' : 'en_US');
		expect(head.og('og:image')).toBe(absolute('og.png'));
		// The image's alt text names the site in the page's language.
		expect(head.og('og:image:alt')).toMatch(isEnglish(path) ? /^Mountpoint: / : /^마운트포인트: /);
		expect(head.twitterImage).toBe(absolute('og.png'));
	});
}

test('the Open Graph image exists and is a 1200×630 PNG', () => {
	const png = readFileSync(join('dist', 'og.png'));
	expect(png.subarray(1, 4).toString()).toBe('PNG');
	expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
});

test('the sitemap lists every page with SITE and BASE, and robots.txt points to it', () => {
	const index = readFileSync(join('dist', 'sitemap-index.xml'), 'utf8');
	expect(index).toContain(`<loc>${absolute('sitemap-0.xml')}</loc>`);
	const sitemap = readFileSync(join('dist', 'sitemap-0.xml'), 'utf8');
	for (const path of pages) expect(sitemap).toContain(`<loc>${absolute(path)}</loc>`);
	expect(sitemap).not.toContain('404');
	expect(existsSync(join('dist', 'robots.txt'))).toBe(true);
	const robots = readFileSync(join('dist', 'robots.txt'), 'utf8');
	expect(robots).toMatch(/^User-agent: \*$/m);
	expect(robots).toContain(`Sitemap: ${absolute('sitemap-index.xml')}`);
});
