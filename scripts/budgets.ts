/**
 * Byte budgets, measured from the built site (no browser, no timing), compared with a plain
 * Starlight reference site of the same Astro/Starlight versions built from the same words.
 *
 * What a page "loads on first load", gzip-compressed (zlib default level, as static hosts serve it):
 * - HTML: the page itself (inline scripts, inline SVG diagrams and inline styles are part of it);
 * - CSS: every `<link rel="stylesheet">` (print ones too: browsers fetch them) and the fonts their
 *   `@font-face` rules name;
 * - JS: every `<script type="module" src>` and `<link rel="modulepreload">`, plus everything those
 *   import statically (`import … from "./x.js"`, `import "./x.js"`); inline module scripts count too.
 *   Inline scripts count as JS too (each gzipped alone; in the total they are inside the HTML).
 *   What literal `import()`s can fetch later (Starlight's search UI when the browser is idle, an
 *   island on interaction or when it scrolls into view, what the island itself imports lazily, and
 *   so on) is "lazy JS", outside the total. Lazy JS comes in two kinds:
 *   - "on demand": the chunks in `ON_DEMAND` (and what only they import), which only a rare command
 *     or action fetches — an engine extension (docker build, tar, nginx …), the share-link codec,
 *     transcript export;
 *   - the rest, which an ordinary session loads: the lab island, the core engine, goal checking,
 *     completion (on focus), the merged view (on "files") — and Starlight's search UI.
 * - images: `<img>` without `loading="lazy"`.
 * "Starlight's JS" is what the reference page of the same language loads; "our JS" is what a page
 * loads beyond that. (Bundling moves code between chunks, so chunks are not compared one by one.)
 *
 * Budgets (fail with exit code 1): a chapter page's JS ≤ the reference page's JS + 8 KB; the lab's
 * own JS for an ordinary session — first load plus the lazy JS that is not on demand, beyond what
 * the reference page loads and can load (its search UI) — ≤ 40 KB; the same for a session of each lab
 * level, with the extensions its setup and reference solution fetch, ≤ 40 KB; no page over 100 KB in
 * total. Known overruns are `WAIVERS`, each with a ceiling.
 * The on-demand chunks are listed with their sizes, never hidden. Prints Markdown tables and writes
 * them into README.md between `<!-- budgets:start -->` and `<!-- budgets:end -->`.
 *
 * Usage: node scripts/budgets.ts [--no-readme]   (after `npm run build`)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHAPTER_SLUGS } from '../src/i18n/sidebar.ts';
import { buildReferenceSite, REFERENCE_DIST, REFERENCE_PAGES } from '../tests/fixtures/reference-site/build.ts';
import { replaceReadmeSection } from './readme-section.ts';
import { levelExtensions, type LevelExtensions } from './level-extensions.ts';
import { ENGINE_TARGET_GZIP_BYTES, esbuildEngineSize, rolldownEngineSize, type EngineSize } from './engine-size.ts';
import type { ExtensionName } from '../src/rules/core.ts';

export const KB = 1024;
export const BUDGETS = {
	/** A chapter may add this much JS to what Starlight itself loads on the same kind of page. */
	chapterJsOverStarlight: 8 * KB,
	/** The lab's own JS for an ordinary session (engine included): first load plus lazy JS that is not on demand. */
	labOwnJs: 40 * KB,
	/** The same for a session of one lab level: an ordinary session plus the extensions its setup and reference solution fetch. */
	levelJs: 40 * KB,
	/** Everything a page loads on first load, fonts included. */
	pageTotal: 100 * KB,
} as const;

/**
 * Known overruns, each with a hard ceiling so that it cannot grow unnoticed, and the issue that owns
 * it. Reported on every run; delete the entry when the page (`labOwnJs`: its slug) or the lab level
 * (`levelJs`: its id) is back within its budget.
 */
export interface Waiver {
	readonly slug: string;
	readonly budget: 'labOwnJs' | 'levelJs';
	readonly ceiling: number;
	readonly reason: string;
}
export const WAIVERS: readonly Waiver[] = [];

/**
 * Lazy chunks that only a rare command or action fetches, by chunk name (the file name before the
 * hash: rolldown names a dynamically imported chunk after its module), with what fetches them.
 * Every name must match a built chunk, so a renamed module cannot drop out of the list unnoticed.
 */
export const ON_DEMAND: Readonly<Record<string, string>> = {
	'image-commands': 'engine extension `images`: docker commit, images, rmi',
	build: 'engine extension `build`: docker build',
	'inspect-commands': 'engine extension `inspect`: docker inspect, volume inspect (the JSON of each object)',
	prune: 'engine extension `prune`: docker volume prune, container prune, system prune',
	'file-tools': 'engine extension `files`: cp, chmod, chown, stat, and the shell’s test / [',
	tar: 'engine extension `tar`: busybox tar',
	nginx: 'engine extension `nginx`: the nginx image’s files and program',
	postgres: 'engine extension `postgres`: the postgres image’s files and server',
	mysql: 'engine extension `mysql`: the mysql image’s files and server',
	node: 'engine extension `node`: the node image’s files and program',
	template: 'engine extension `templates`: Go templates for `--format` and `inspect -f`',
	'mount-syntax': 'engine extension `mounts`: the `--mount` syntax',
	'lab-share': 'the Share and Copy as transcript buttons, or a page opened from a share link (with the share-link codec)',
	'transcript-export': 'Copy as transcript',
};

/** The chunk of each engine extension (by its module's name; each must be in `ON_DEMAND`). */
export const EXTENSION_CHUNKS: Readonly<Record<ExtensionName, string>> = {
	images: 'image-commands',
	build: 'build',
	inspect: 'inspect-commands',
	prune: 'prune',
	files: 'file-tools',
	tar: 'tar',
	nginx: 'nginx',
	postgres: 'postgres',
	mysql: 'mysql',
	node: 'node',
	templates: 'template',
	mounts: 'mount-syntax',
};

/** `lab-app.CPPymSQX.js` → `lab-app`. */
export const chunkName = (url: string): string => (posix.basename(url).match(/^(.+)\.[\w-]{8}\.m?js$/)?.[1] ?? posix.basename(url));

export interface PageWeight {
	/** Path relative to the base (`''`, `layers/`, `en/lab/`). */
	path: string;
	html: number;
	css: number;
	/** All JS: external modules and their static imports, plus inline scripts. */
	js: number;
	/** The part of `js` that plain Starlight loads too (the reference page's JS, at most `js`). */
	starlightJs: number;
	/** `js` beyond the reference page's. */
	ownJs: number;
	/** JS the page can fetch later through literal `import()` (search UI, islands), not in `total`; `onDemand` included. */
	lazyJs: number;
	/** The part of `lazyJs` that only rare commands or actions fetch (`ON_DEMAND`), by chunk name. */
	onDemand: Record<string, number>;
	/**
	 * What fetching each on-demand chunk brings in all: it and the chunks it imports that an ordinary
	 * session does not load (a chunk two extensions share is in both), URL → gzip bytes.
	 */
	onDemandClosure: Record<string, Record<string, number>>;
	fonts: number;
	images: number;
	total: number;
	requests: number;
}

const langOf = (path: string): 'ko' | 'en' => (path.startsWith('en/') ? 'en' : 'ko');
const gz = (bytes: Buffer | string) => gzipSync(bytes).length;

/** A built site on disk: resolves URL paths under its base to files. */
export class BuiltSite {
	readonly dist: string;
	readonly base: string;

	constructor(dist: string, base: string) {
		this.dist = dist;
		this.base = base;
	}

	/** File for a root-relative URL path (`/_astro/x.js`, `/mountpoint/_astro/x.js`). */
	file(urlPath: string): string {
		const path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '');
		const rel = path.startsWith(this.base) ? path.slice(this.base.length) : path.replace(/^\//, '');
		return join(this.dist, rel);
	}

	html(pagePath: string): string {
		return readFileSync(join(this.dist, pagePath, 'index.html'), 'utf8');
	}
}

const attrOf = (tag: string, name: string) => new RegExp(`\\s${name}=["']?([^"'\\s>]+)`, 'i').exec(tag)?.[1];

/** Literal dynamic imports of an ES module: `import("./x.js")`, import(`./x.js`). */
function dynamicImports(code: string): string[] {
	return [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`$]+\.m?js)["'`]\s*\)/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** Static imports of an ES module (minified or not); `import()` is excluded. */
function staticImports(code: string): string[] {
	const found: string[] = [];
	for (const match of code.matchAll(/(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.m?js)["']/g)) {
		if (match[1]) found.push(match[1]);
	}
	return found;
}

/** Measures what one page loads on first load; `referenceJs` is the reference page's JS in bytes. */
export function weigh(site: BuiltSite, pagePath: string, referenceJs: number): PageWeight {
	const html = site.html(pagePath);
	const pageUrl = `${site.base}${pagePath}`;
	const resolve = (ref: string, from: string) => (ref.startsWith('/') ? ref : posix.join(posix.dirname(from.endsWith('/') ? `${from}x` : from), ref));

	const seen = new Set<string>();
	let css = 0;
	let fonts = 0;
	let images = 0;
	let externalJs = 0;
	let inlineJs = 0;
	let lazyJs = 0;
	let lazyRequests = 0;
	const lazy: string[] = [];
	const onDemandEntries: string[] = [];
	const onDemand: Record<string, number> = {};
	const demandBytes = new Map<string, number>();
	/** Chunks an on-demand chunk imports lazily, without an on-demand name of their own: counted under its name. */
	const demandLater: [string, string][] = [];
	const importsOf = new Map<string, string[]>();

	/** `later`: fetched lazily; `demand`: only by the on-demand chunk of that name. */
	const addModule = (url: string, later = false, demand?: string) => {
		if (seen.has(url)) return;
		seen.add(url);
		const file = site.file(url);
		if (!existsSync(file)) throw new Error(`${pagePath}: ${url} is not in ${site.dist}`);
		const code = readFileSync(file);
		if (later) {
			lazyJs += gz(code);
			lazyRequests++;
			if (demand !== undefined) {
				onDemand[demand] = (onDemand[demand] ?? 0) + gz(code);
				demandBytes.set(url, gz(code));
			}
		} else externalJs += gz(code);
		const text = code.toString('utf8');
		importsOf.set(url, staticImports(text).map((ref) => resolve(ref, url)));
		for (const ref of staticImports(text)) addModule(resolve(ref, url), later, demand);
		for (const ref of dynamicImports(text)) {
			const target = resolve(ref, url);
			// What an on-demand chunk fetches later is on demand too: under its own name when it has one.
			if (Object.hasOwn(ON_DEMAND, chunkName(target))) onDemandEntries.push(target);
			else if (demand === undefined) lazy.push(target);
			else demandLater.push([target, demand]);
		}
	};

	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = attrOf(tag, 'rel');
		const href = attrOf(tag, 'href');
		if (!href || /^https?:/.test(href)) continue;
		if (rel === 'stylesheet') {
			const url = resolve(href, pageUrl);
			if (seen.has(url)) continue;
			seen.add(url);
			const sheet = readFileSync(site.file(url));
			css += gz(sheet);
			for (const [, font] of sheet.toString('utf8').matchAll(/@font-face\s*\{[^}]*?url\(["']?([^"')]+\.woff2?)["']?\)/g)) {
				const fontUrl = resolve(font ?? '', url);
				if (seen.has(fontUrl)) continue;
				seen.add(fontUrl);
				fonts += readFileSync(site.file(fontUrl)).length; // already compressed
			}
		} else if (rel === 'modulepreload') {
			addModule(resolve(href, pageUrl));
		}
	}
	for (const [tag, , body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		const src = attrOf(tag, 'src');
		if (src && !/^https?:/.test(src)) addModule(resolve(src, pageUrl));
		else if (!src && body.trim()) {
			inlineJs += gz(body);
			if (/type=["']?module/.test(tag)) for (const ref of staticImports(body)) addModule(resolve(ref, pageUrl));
		}
	}
	// What the page may fetch later, once everything it loads up front is known; then what only rare
	// commands or actions fetch (a module an ordinary session loads too is counted there, not here).
	for (let url = lazy.shift(); url !== undefined; url = lazy.shift()) addModule(url, true);
	for (let i = 0; i < onDemandEntries.length || demandLater.length > 0; i++) {
		if (i < onDemandEntries.length) addModule(onDemandEntries[i] as string, true, chunkName(onDemandEntries[i] as string));
		for (let later = demandLater.shift(); later !== undefined; later = demandLater.shift()) addModule(later[0], true, later[1]);
	}
	const onDemandClosure: Record<string, Record<string, number>> = {};
	for (const entry of onDemandEntries) {
		const closure: Record<string, number> = {};
		const walk = (url: string): void => {
			const bytes = demandBytes.get(url);
			if (bytes === undefined || Object.hasOwn(closure, url)) return;
			closure[url] = bytes;
			for (const next of importsOf.get(url) ?? []) walk(next);
		};
		walk(entry);
		onDemandClosure[chunkName(entry)] = closure;
	}
	for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
		const src = attrOf(tag, 'src');
		if (!src || /loading=["']?lazy/.test(tag) || /^(https?|data):/.test(src)) continue;
		const url = resolve(src, pageUrl);
		if (seen.has(url)) continue;
		seen.add(url);
		images += readFileSync(site.file(url)).length;
	}

	const htmlBytes = gz(html);
	const js = externalJs + inlineJs;
	return {
		path: pagePath,
		html: htmlBytes,
		css,
		js,
		starlightJs: Math.min(js, referenceJs),
		ownJs: Math.max(0, js - referenceJs),
		lazyJs,
		onDemand,
		onDemandClosure,
		fonts,
		images,
		total: htmlBytes + css + externalJs + fonts + images,
		requests: 1 + seen.size - lazyRequests,
	};
}

/** Every page in a built site's sitemap, relative to its base. */
export function sitemapPages(dist: string, base: string): string[] {
	return readdirSync(dist)
		.filter((name) => /^sitemap-\d+\.xml$/.test(name))
		.flatMap((file) => [...readFileSync(join(dist, file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname.slice(base.length)))
		.sort();
}

export interface Measurement {
	reference: Record<'ko' | 'en', PageWeight>;
	pages: PageWeight[];
}

/** Measures every page of `dist/` and the reference pages (building the reference if needed). */
export function measure(dist = 'dist'): Measurement {
	buildReferenceSite();
	const base = (process.env['BASE'] ?? '/').replace(/\/?$/, '/');
	const referenceSite = new BuiltSite(REFERENCE_DIST, '/');
	const ourSite = new BuiltSite(dist, base);
	const reference = {
		ko: weigh(referenceSite, REFERENCE_PAGES.ko, Infinity),
		en: weigh(referenceSite, REFERENCE_PAGES.en, Infinity),
	};
	const pages = sitemapPages(dist, base).map((path) => weigh(ourSite, path, reference[langOf(path)].js));
	return { reference, pages };
}

const slugOf = (path: string) => path.replace(/^en\//, '').replace(/\/$/, '');
const isChapter = (path: string) => (CHAPTER_SLUGS as readonly string[]).includes(slugOf(path));

const sum = (bytes: Record<string, number>) => Object.values(bytes).reduce((total, n) => total + n, 0);

/**
 * The lab's own JS for an ordinary session: what it loads up front and lazily, on-demand chunks
 * excepted, beyond what the reference page loads and can load (Starlight's search UI).
 */
export const labOwnJs = (page: PageWeight, reference: PageWeight) => Math.max(0, page.js + page.lazyJs - sum(page.onDemand) - (reference.js + reference.lazyJs - sum(reference.onDemand)));

/** Budget failures, one line each. */
export function overBudget({ reference, pages }: Measurement): string[] {
	const problems: string[] = [];
	const built = new Set(pages.flatMap((page) => Object.keys(page.onDemand)));
	for (const name of Object.keys(ON_DEMAND)) if (!built.has(name)) problems.push(`ON_DEMAND names "${name}", but no page can load a chunk of that name: update the list in scripts/budgets.ts`);
	for (const [extension, chunk] of Object.entries(EXTENSION_CHUNKS)) if (!Object.hasOwn(ON_DEMAND, chunk)) problems.push(`EXTENSION_CHUNKS gives "${chunk}" for the ${extension} extension, but ON_DEMAND has no such chunk: update scripts/budgets.ts`);
	for (const page of pages) {
		const where = `/${page.path}`;
		if (page.total > BUDGETS.pageTotal) problems.push(`${where}: ${kb(page.total)} in total > ${kb(BUDGETS.pageTotal)}`);
		const limit = reference[langOf(page.path)].js + BUDGETS.chapterJsOverStarlight;
		if (isChapter(page.path) && page.js > limit) problems.push(`${where}: ${kb(page.js)} JS > Starlight's ${kb(reference[langOf(page.path)].js)} + ${kb(BUDGETS.chapterJsOverStarlight)}`);
		const labJs = labOwnJs(page, reference[langOf(page.path)]);
		const waiver = WAIVERS.find((w) => w.slug === slugOf(page.path) && w.budget === 'labOwnJs');
		if (slugOf(page.path) === 'lab' && labJs > (waiver?.ceiling ?? BUDGETS.labOwnJs)) {
			problems.push(`${where}: ${kb(labJs)} of our JS for an ordinary session > ${kb(waiver?.ceiling ?? BUDGETS.labOwnJs)}`);
		}
	}
	return problems;
}

export const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The Markdown table of a measurement. */
export function budgetTable({ reference, pages }: Measurement): string {
	const row = (name: string, p: PageWeight, limit: string) =>
		`| ${name} | ${kb(p.html)} | ${kb(p.css)} | ${kb(p.starlightJs)} | ${kb(p.ownJs)} | ${kb(p.fonts + p.images)} | **${kb(p.total)}** | ${p.requests} | ${kb(p.lazyJs - sum(p.onDemand))} | ${kb(sum(p.onDemand))} | ${limit} |`;
	const lines = [
		'| page | HTML | CSS | JS: Starlight’s | JS: ours | fonts + images | total | requests | lazy JS | lazy JS on demand | budget |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
		row('reference (plain Starlight), ko', reference.ko, '—'),
		row('reference (plain Starlight), en', reference.en, '—'),
	];
	for (const page of pages) {
		const limits = [`total ≤ ${kb(BUDGETS.pageTotal)}`];
		if (isChapter(page.path)) limits.push(`JS ≤ ${kb(reference[langOf(page.path)].js + BUDGETS.chapterJsOverStarlight)}`);
		if (slugOf(page.path) === 'lab') limits.push(`our JS for an ordinary session ${kb(labOwnJs(page, reference[langOf(page.path)]))} ≤ ${kb(BUDGETS.labOwnJs)}`);
		lines.push(row(`/${page.path}`, page, limits.join(', ')));
	}
	return lines.join('\n');
}

/** The on-demand chunks as the lab page reaches them: name, size, what fetches them. */
export function onDemandTable({ pages }: Measurement): string {
	const lab = pages.find((page) => slugOf(page.path) === 'lab');
	const lines = ['| on-demand chunk (lab page) | gzip, with the chunks only on-demand ones import | fetched by |', '| --- | ---: | --- |'];
	for (const [name, reason] of Object.entries(ON_DEMAND)) lines.push(`| \`${name}\` | ${kb(sum(lab?.onDemandClosure[name] ?? {}))} | ${reason} |`);
	lines.push(`| all of them | ${kb(sum(lab?.onDemand ?? {}))} | |`);
	return lines.join('\n');
}

/** Each lab level's session in all, in the language whose lab page loads more. */
export function levelTotals({ reference, pages }: Measurement, levels: readonly LevelExtensions[]): { id: string; needs: readonly ExtensionName[]; bytes: number }[] {
	const labs = pages.filter((page) => slugOf(page.path) === 'lab');
	return levels
		.filter((level) => level.kind === 'level')
		.map((level) => ({ id: level.id, needs: level.needs, bytes: Math.max(0, ...labs.map((lab) => labOwnJs(lab, reference[langOf(lab.path)]) + levelExtraJs(lab, level.needs))) }));
}

/** Levels over `BUDGETS.levelJs` without a waiver, or over their waiver's ceiling. */
export function levelProblems(measurement: Measurement, levels: readonly LevelExtensions[], waivers: readonly Waiver[] = WAIVERS): string[] {
	const problems: string[] = [];
	for (const { id, bytes } of levelTotals(measurement, levels)) {
		const waiver = waivers.find((w) => w.slug === id && w.budget === 'levelJs');
		const limit = waiver?.ceiling ?? BUDGETS.levelJs;
		if (bytes > limit) problems.push(`lab level ${id}: ${kb(bytes)} of our JS for its session > ${kb(limit)}${waiver === undefined ? '' : ' (its waiver’s ceiling)'}`);
	}
	return problems;
}

/** What fetching these extensions adds to an ordinary session: their chunks and what only they import, each once. */
export function levelExtraJs(lab: PageWeight, needs: readonly ExtensionName[]): number {
	const chunks: Record<string, number> = {};
	for (const name of needs) Object.assign(chunks, lab.onDemandClosure[EXTENSION_CHUNKS[name]] ?? {});
	return sum(chunks);
}

/**
 * What a session of each lab level loads in all: the lab's JS for an ordinary session plus the
 * extension chunks that its setup and reference solution make the browser fetch (budget: `levelJs`).
 */
export function levelTable({ reference, pages }: Measurement, levels: readonly LevelExtensions[]): string {
	const lab = pages.find((page) => slugOf(page.path) === 'lab');
	if (lab === undefined) return '';
	const ordinary = labOwnJs(lab, reference[langOf(lab.path)]);
	const groups = new Map<string, { needs: readonly ExtensionName[]; ids: string[] }>();
	for (const level of levels) {
		const key = level.needs.join(' + ');
		const group = groups.get(key) ?? { needs: level.needs, ids: [] };
		group.ids.push(level.id);
		groups.set(key, group);
	}
	const lines = ['| lab levels (setup + reference solution) | extensions fetched | our JS in all |', '| --- | --- | ---: |'];
	for (const { needs, ids } of [...groups.values()].sort((a, b) => a.needs.length - b.needs.length)) {
		const bytes = ordinary + levelExtraJs(lab, needs);
		lines.push(`| ${ids.map((id) => `\`${id}\``).join(', ')} | ${needs.length === 0 ? 'none' : needs.join(', ')} | ${kb(bytes)} |`);
	}
	return lines.join('\n');
}

/** Issue 3's target for the engine's browser bundle, as the bench measures it (scripts/engine-size.ts). */
export function engineLines(sizes: readonly EngineSize[]): { lines: string[]; problems: string[] } {
	const lines = [`The rules engine the browser loads (what src/ imports from src/rules/core.ts; extensions apart): ${sizes.map((size) => `${kb(size.gzip)} with ${size.how}`).join('; ')} — target ≤ ${kb(ENGINE_TARGET_GZIP_BYTES)} (issue 3), checked here.`];
	const problems = sizes.filter((size) => size.gzip > ENGINE_TARGET_GZIP_BYTES).map((size) => `the rules engine's browser bundle is ${kb(size.gzip)} with ${size.how} > ${kb(ENGINE_TARGET_GZIP_BYTES)}`);
	return { lines, problems };
}

if (import.meta.main) {
	const measurement = measure();
	const table = budgetTable(measurement);
	const engine = engineLines([await esbuildEngineSize(), await rolldownEngineSize()]);
	const levels = await levelExtensions();
	const demand = `${onDemandTable(measurement)}\n\n${levelTable(measurement, levels)}\n\n${engine.lines.join('\n')}`;
	const problems = [...overBudget(measurement), ...levelProblems(measurement, levels), ...engine.problems];
	console.log(table);
	console.log(`\n${demand}`);
	const totals = levelTotals(measurement, levels);
	for (const waiver of WAIVERS) {
		const page = measurement.pages.find((p) => slugOf(p.path) === waiver.slug);
		const bytes = waiver.budget === 'levelJs' ? totals.find((level) => level.id === waiver.slug)?.bytes : page && labOwnJs(page, measurement.reference[langOf(page.path)]);
		if (bytes !== undefined && bytes > BUDGETS[waiver.budget]) console.warn(`\nbudgets: WAIVED ${waiver.slug} ${waiver.budget} ${kb(bytes)} over ${kb(BUDGETS[waiver.budget])}, up to ${kb(waiver.ceiling)} (${waiver.reason})`);
		else console.warn(`\nbudgets: the waiver for ${waiver.slug} is no longer needed: delete it from WAIVERS in scripts/budgets.ts`);
	}
	if (!process.argv.includes('--no-readme')) {
		const waived = WAIVERS.map((w) => `Waived: ${w.budget === 'levelJs' ? `lab level \`${w.slug}\`` : `/${w.slug}/`} up to ${kb(w.ceiling)} (budget ${kb(BUDGETS[w.budget])}) — ${w.reason}.`).join('\n');
		const note = [
			'gzip bytes, measured from `dist/` by `npm run budgets` (see `scripts/budgets.ts` for what counts). HTML, CSS,',
			'JS and the total are what a page loads on first load. "Lazy JS" is what it can fetch later for ordinary use',
			'(Starlight’s search UI; on the lab and the chapters, the lab island, the core engine, goal checking,',
			'completion, the merged view); "on demand" is what only a rare command or action fetches (listed below).',
			'The lab’s budget counts its first load and its lazy JS beyond the reference page’s, on-demand chunks apart;',
			'the last table adds, for each lab level, the extensions its setup and reference solution fetch (same budget, 40 KB).',
		].join('\n');
		replaceReadmeSection('budgets', `${note}${waived ? `\n\n${waived}` : ''}\n\n${table}\n\n${demand}`);
	}
	if (problems.length > 0) {
		console.error(`\nbudgets: ${problems.length} over budget:\n  ${problems.join('\n  ')}`);
		process.exit(1);
	}
	console.log(`\nbudgets: ${measurement.pages.length} pages within budget.`);
}
