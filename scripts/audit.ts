/**
 * `npm run audit`: Lighthouse on our pages and on a plain Starlight reference, side by side, in the
 * same run on the same machine.
 *
 * 1. Builds the site (timed: the full-build figure in the report) and the reference site
 *    (tests/fixtures/reference-site: Starlight as it comes, one page per language made from our
 *    longest chapter), each with `SITE` set to the loopback origin it is served from.
 * 2. Serves both `dist/`s on 127.0.0.1 with gzip and the `_headers` headers, like a static host.
 * 3. Runs Lighthouse's Node API on one Chromium (Debian's, or `CHROME_PATH`; never a downloaded
 *    browser; launched here with the flags below, a fresh profile, a DevTools port) with the
 *    mobile and desktop presets, 3 rounds; each round visits the reference page of a language, then
 *    our pages in that language, so reference and ours interleave and share the machine's state.
 *    The 1-minute load average is recorded beside every run.
 * 4. Reports medians: scores, FCP, LCP, TBT, CLS, requests, and the gzip bytes of HTML/CSS/JS from
 *    scripts/budgets.ts, with ratios against the reference; writes the table into README.md between
 *    `<!-- audit:start -->` and `<!-- audit:end -->`, and every run to node_modules/.cache/mountpoint-audit/.
 *
 * Usage: node scripts/audit.ts [--runs 3] [--pages layers,en/layers] [--out dist] [--no-build] [--resume] [--no-readme]
 * Goals (reported, not asserted): mobile Performance ≥ 95 and never below the reference;
 * Accessibility, Best Practices and SEO 100.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse, { desktopConfig } from 'lighthouse';
import { CHAPTER_SLUGS } from '../src/i18n/sidebar.ts';
import { REFERENCE_DIST, REFERENCE_PAGES } from '../tests/fixtures/reference-site/build.ts';
import { kb, measure, type PageWeight } from './budgets.ts';
import { replaceReadmeSection } from './readme-section.ts';
import { CHROMIUM_FLAGS, DEBIAN_CHROMIUM } from './chromium.ts';

const OURS_PORT = 4481;
const REFERENCE_PORT = 4482;
const CHROME_PATH = process.env['CHROME_PATH'] ?? DEBIAN_CHROMIUM;
const PRESETS = ['mobile', 'desktop'] as const;
type Preset = (typeof PRESETS)[number];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}
const RUNS = Number(option('runs') ?? 3);
/** Every run so far, rewritten after each run (and read back by --resume); outside test-results/, which Playwright empties. */
const CACHE_DIR = join('node_modules', '.cache', 'mountpoint-audit');
const RUNS_FILE = join(CACHE_DIR, 'runs.json');
/** Where to build and serve the site (default dist/; another folder leaves a shared dist/ alone). */
const OUT_DIR = option('out') ?? 'dist';

/** Landing, every chapter, the lab, the progress page, the exam and the cheat sheet, both languages. */
function auditedPages(): string[] {
	const only = option('pages');
	if (only) return only.split(',').map((path) => (path === '/' ? '' : path.replace(/^\//, '').replace(/\/?$/, '/').replace(/^\/$/, '')));
	const slugs = ['', ...CHAPTER_SLUGS.map((slug) => `${slug}/`), 'lab/', 'progress/', 'exam/', 'cheatsheet/'];
	return [...slugs, ...slugs.map((slug) => `en/${slug}`)];
}

// ─── A static host on loopback ──────────────────────────────────────────────────────────────────

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.xml': 'application/xml',
	'.txt': 'text/plain; charset=utf-8',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg', '.xml', '.txt']);

/** Headers from a `_headers` file's `/*` rule (what Netlify / Cloudflare Pages would send). */
function hostHeaders(dist: string): Record<string, string> {
	const file = join(dist, '_headers');
	if (!existsSync(file)) return {};
	return Object.fromEntries(
		readFileSync(file, 'utf8')
			.split('\n')
			.filter((line) => /^\s+\S+:/.test(line))
			.map((line) => {
				const at = line.indexOf(':');
				return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
			}),
	);
}

function serve(dist: string, port: number): Promise<Server> {
	const headers = hostHeaders(dist);
	const server = createServer((request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		let file = join(dist, path);
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		let status = 200;
		if (!existsSync(file) || !file.startsWith(dist)) {
			status = 404;
			file = join(dist, '404.html');
		}
		if (!existsSync(file)) {
			response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
			return;
		}
		let body = readFileSync(file);
		const type = extname(file);
		const sent: Record<string, string> = { ...headers, 'Content-Type': TYPES[type] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
		if (COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
			body = gzipSync(body);
			sent['Content-Encoding'] = 'gzip';
		}
		response.writeHead(status, { ...sent, 'Content-Length': String(body.length) });
		response.end(body);
	});
	return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// ─── Lighthouse ─────────────────────────────────────────────────────────────────────────────────

interface Run {
	preset: Preset;
	scores: Record<(typeof CATEGORIES)[number], number>;
	fcp: number;
	lcp: number;
	tbt: number;
	cls: number;
	requests: number;
	load: number;
}

/** One Chromium for the whole audit, driven by Lighthouse over the DevTools protocol. */
async function launchChromium(): Promise<{ port: number; close: () => void }> {
	const port = 9333;
	const profile = mkdtempSync(join(tmpdir(), 'mountpoint-audit-'));
	const chromium = spawn(CHROME_PATH, [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			await fetch(`http://127.0.0.1:${port}/json/version`);
			return { port, close: () => chromium.kill() };
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	chromium.kill();
	throw new Error(`Chromium (${CHROME_PATH}) did not open its DevTools port`);
}

async function audit(url: string, preset: Preset, port: number): Promise<Run> {
	const load = loadavg()[0] ?? 0;
	const flags = {
		port,
		logLevel: 'error' as const,
		output: 'json' as const,
		onlyCategories: [...CATEGORIES],
		// Screenshots change no score and time out first on a busy machine.
		disableFullPageScreenshot: true,
		skipAudits: ['screenshot-thumbnails', 'final-screenshot'],
	};
	let result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
	if (result?.lhr.runtimeError) {
		console.warn(`lighthouse: ${result.lhr.runtimeError.message} (${url}); retrying once`);
		result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
	}
	const report = result?.lhr;
	if (!report) throw new Error(`lighthouse returned nothing for ${url}`);
	if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.message} (${url})`);
	const numeric = (id: string) => report.audits[id]?.numericValue ?? Number.NaN;
	const requests = report.audits['network-requests']?.details;
	return {
		preset,
		scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? Number.NaN) * 100)])) as Run['scores'],
		fcp: numeric('first-contentful-paint'),
		lcp: numeric('largest-contentful-paint'),
		tbt: numeric('total-blocking-time'),
		cls: numeric('cumulative-layout-shift'),
		requests: requests && 'items' in requests ? requests.items.length : Number.NaN,
		load,
	};
}

const median = (values: number[]) => {
	const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface Summary {
	name: string;
	preset: Preset;
	runs: Run[];
	weight: PageWeight | undefined;
	reference: Summary | undefined;
}

function medianOf(runs: Run[], pick: (run: Run) => number): number {
	return median(runs.map(pick));
}

// ─── Report ─────────────────────────────────────────────────────────────────────────────────────

const ms = (value: number) => (Number.isNaN(value) ? '—' : `${Math.round(value)} ms`);
const ratio = (ours: number, reference: number | undefined) =>
	reference === undefined || !reference || Number.isNaN(ours) ? '' : ` (×${(ours / reference).toFixed(2)})`;

function row(summary: Summary): string {
	const { runs, weight, reference } = summary;
	const m = (pick: (run: Run) => number) => medianOf(runs, pick);
	const r = (pick: (run: Run) => number) => (reference ? medianOf(reference.runs, pick) : undefined);
	const score = (c: (typeof CATEGORIES)[number]) => `${m((run) => run.scores[c])}`;
	const perf = m((run) => run.scores.performance);
	const refPerf = r((run) => run.scores.performance);
	const perfCell = `${perf}${refPerf === undefined ? '' : perf >= refPerf ? ` (ref ${refPerf})` : ` (ref ${refPerf}, **below**)`}`;
	const bytes = (pick: (w: PageWeight) => number) =>
		weight ? `${kb(pick(weight))}${ratio(pick(weight), reference?.weight ? pick(reference.weight) : undefined)}` : '—';
	const loads = runs.map((run) => run.load.toFixed(1)).join(' / ');
	return `| ${summary.name} | ${summary.preset} | ${perfCell} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ${ms(m((run) => run.fcp))}${ratio(m((run) => run.fcp), r((run) => run.fcp))} | ${ms(m((run) => run.lcp))}${ratio(m((run) => run.lcp), r((run) => run.lcp))} | ${ms(m((run) => run.tbt))} | ${m((run) => run.cls).toFixed(3)} | ${bytes((w) => w.js)} | ${bytes((w) => w.css)} | ${bytes((w) => w.html)} | ${m((run) => run.requests)} | ${loads} |`;
}

function table(summaries: Summary[]): string {
	return [
		'| page | preset | Performance | A11y | Best Pr. | SEO | FCP | LCP | TBT | CLS | JS gz | CSS gz | HTML gz | requests | load avg (runs) |',
		'| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
		...summaries.map(row),
	].join('\n');
}

function goals(summaries: Summary[]): string[] {
	const misses: string[] = [];
	for (const s of summaries) {
		if (s.reference === undefined) continue;
		const perf = medianOf(s.runs, (run) => run.scores.performance);
		const refPerf = medianOf(s.reference.runs, (run) => run.scores.performance);
		if (s.preset === 'mobile' && perf < 95) misses.push(`${s.name}: mobile Performance ${perf} < 95`);
		if (s.preset === 'mobile' && perf < refPerf) misses.push(`${s.name}: mobile Performance ${perf} below the reference's ${refPerf}`);
		for (const c of ['accessibility', 'best-practices', 'seo'] as const) {
			const value = medianOf(s.runs, (run) => run.scores[c]);
			if (value < 100) misses.push(`${s.name} (${s.preset}): ${c} ${value}`);
		}
	}
	return misses;
}

// ─── Main ───────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
	const oursOrigin = `http://127.0.0.1:${OURS_PORT}`;
	const referenceOrigin = `http://127.0.0.1:${REFERENCE_PORT}`;
	const buildFile = join(CACHE_DIR, 'build.json');
	let { buildSeconds, buildLoad } = existsSync(buildFile)
		? (JSON.parse(readFileSync(buildFile, 'utf8')) as { buildSeconds: number; buildLoad: number })
		: { buildSeconds: Number.NaN, buildLoad: Number.NaN };
	if (!process.argv.includes('--no-build')) {
		buildLoad = loadavg()[0] ?? 0;
		const started = performance.now();
		execFileSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', OUT_DIR], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, SITE: oursOrigin },
		});
		buildSeconds = (performance.now() - started) / 1000;
		console.log(`site built in ${buildSeconds.toFixed(1)} s`);
		mkdirSync(CACHE_DIR, { recursive: true });
		writeFileSync(buildFile, JSON.stringify({ buildSeconds, buildLoad }));
	}
	// measure() builds the reference site (if needed) with this SITE, so its canonical URLs match
	// where it is served; our own pages' weights do not depend on SITE.
	process.env['SITE'] = referenceOrigin;
	const { reference: referenceWeights, pages: weights } = measure(OUT_DIR);
	delete process.env['SITE'];
	const pages = auditedPages();
	const servers = await Promise.all([serve(resolve(OUT_DIR), OURS_PORT), serve(REFERENCE_DIST, REFERENCE_PORT)]);
	const chromium = await launchChromium();
	const summaries = new Map<string, Summary>();
	// --resume: keep the runs an interrupted audit saved (same build), and only make the missing ones.
	const saved = new Map<string, Run[]>();
	if (process.argv.includes('--resume') && existsSync(RUNS_FILE)) {
		for (const { name, preset, runs } of JSON.parse(readFileSync(RUNS_FILE, 'utf8')) as Summary[]) saved.set(`${name}|${preset}`, runs);
	}
	const summaryFor = (name: string, preset: Preset, weight: PageWeight | undefined, reference?: Summary) => {
		const key = `${name}|${preset}`;
		let summary = summaries.get(key);
		if (!summary) {
			summary = { name, preset, runs: saved.get(key) ?? [], weight, reference };
			summaries.set(key, summary);
		}
		return summary;
	};
	const runFor = async (summary: Summary, url: string, round: number) => {
		if (summary.runs.length >= round) return false;
		summary.runs.push(await audit(url, summary.preset, chromium.port));
		return true;
	};

	/** Writes the report from the runs so far (after every run: an audit cut short still leaves real numbers). */
	const report = (rounds: number) => {
		const ordered = [...summaries.values()].sort(
			(a, b) => b.preset.localeCompare(a.preset) || Number(!a.name.startsWith('reference')) - Number(!b.name.startsWith('reference')),
		);
		const misses = goals(ordered);
		const text = [
			`Lighthouse 13.5 (Debian Chromium; medians over the runs made, round ${rounds} of ${RUNS}; \`npm run audit\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
			`Full site build (\`astro build\`): ${Number.isNaN(buildSeconds) ? 'not measured' : `${buildSeconds.toFixed(1)} s with a 1-min load average of ${buildLoad.toFixed(1)} on 2 cores`}. Byte columns are gzip sizes from \`scripts/budgets.ts\`;`,
			'(×n) is the ratio to the reference page of the same language: plain Starlight 0.42.4 on Astro 7.3.5 with our longest chapter’s text.',
			'',
			table(ordered),
			'',
			misses.length === 0 ? 'All goals met.' : `Goals missed:\n\n${misses.map((miss) => `- ${miss}`).join('\n')}`,
		].join('\n');
		mkdirSync(dirname(RUNS_FILE), { recursive: true });
		writeFileSync(RUNS_FILE, JSON.stringify(ordered.map(({ reference: _ref, ...s }) => s), null, '\t'));
		if (!process.argv.includes('--no-readme')) replaceReadmeSection('audit', text);
		return text;
	};

	let text = '';
	try {
		for (let round = 1; round <= RUNS; round++) {
			for (const preset of PRESETS) {
				for (const lang of ['ko', 'en'] as const) {
					const refPath = REFERENCE_PAGES[lang];
					const reference = summaryFor(`reference /${refPath}`, preset, referenceWeights[lang]);
					await runFor(reference, `${referenceOrigin}/${refPath}`, round);
					for (const path of pages.filter((p) => p.startsWith('en/') === (lang === 'en'))) {
						const summary = summaryFor(`/${path}`, preset, weights.find((w) => w.path === path), reference);
						if (!(await runFor(summary, `${oursOrigin}/${path}`, round))) continue;
						console.log(`round ${round} ${preset} /${path}: performance ${summary.runs.at(-1)?.scores.performance}, load ${summary.runs.at(-1)?.load.toFixed(1)}`);
						report(round);
					}
				}
			}
			text = report(round);
		}
	} finally {
		chromium.close();
		for (const server of servers) server.close();
	}
	console.log(`\n${text}`);
}

await main();
