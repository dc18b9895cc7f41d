import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every page of the built site, as paths relative to the base (`''`, `layers/`, `en/named/` …),
 * read from the sitemap the build wrote (like Starlight's own a11y suite).
 */
export function builtPages(): string[] {
	const files = readdirSync('dist').filter((name) => /^sitemap-\d+\.xml$/.test(name));
	const base = (process.env['BASE'] ?? '/').replace(/\/?$/, '/');
	const urls = files.flatMap((file) =>
		[...readFileSync(join('dist', file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname),
	);
	return urls.map((path) => path.slice(base.length)).sort();
}

/** Collects console errors and uncaught page errors; call before navigating. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

// ─── Quality gates: accessibility, security and resilience helpers (issue 6) ──────────────────
// Quiz and lab tests use these on their interactive states:
//   await expectNoAxeViolations(page)           — after answering, opening the lab, etc.
//   const blocked = blockThirdPartyRequests(page) — before goto; expect(blocked).toEqual([])
//   const csp = await watchCspViolations(page)   — before goto; expect(await csp()).toEqual([])
//   await breakStorage(page, 'throw' | 'full')   — before goto: storage that throws / is full

/** The WCAG levels and best practices every page and state must pass (Starlight's docs use the same). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** One line per failing node: `rule (impact): selector — summary`, so a failure says what to fix. */
export function describeViolations(violations: Result[]): string[] {
	return violations.flatMap((violation) =>
		violation.nodes.map(
			(node) => `${violation.id} (${violation.impact ?? 'n/a'}): ${node.target.join(' ')} — ${node.failureSummary?.replace(/\s+/g, ' ') ?? violation.help}`,
		),
	);
}

/** Runs axe-core on the page as it is now (after any interaction) and fails on any violation. */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
	let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
	for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
	const { violations } = await builder.analyze();
	expect(describeViolations(violations), `axe violations on ${page.url()}`).toEqual([]);
}

/** True for URLs on this machine (the preview server): everything else counts as third-party. */
export function isLoopback(url: string): boolean {
	const { protocol, hostname } = new URL(url);
	if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
	return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

/**
 * Aborts every request that leaves the machine and returns the list of them (call before `goto`).
 * The site must make none: fonts, analytics, CDNs and images all come from our own origin.
 */
export function blockThirdPartyRequests(page: Page): string[] {
	const blocked: string[] = [];
	void page.route('**/*', (route) => {
		const url = route.request().url();
		if (isLoopback(url)) return route.fallback();
		blocked.push(url);
		return route.abort('blockedbyclient');
	});
	return blocked;
}

/**
 * Records Content-Security-Policy violations (the `securitypolicyviolation` event, from the very
 * first script on) and CSP console errors. Call before `goto`; await the returned function to read.
 */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (/content security policy/i.test(message.text())) consoleErrors.push(message.text());
	});
	await page.addInitScript(() => {
		const seen: string[] = [];
		Object.defineProperty(window, '__mpCspViolations', { value: seen });
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
		});
	});
	return async () => [
		...(await page.evaluate(() => (window as unknown as { __mpCspViolations?: string[] }).__mpCspViolations ?? [])),
		...consoleErrors,
	];
}

/**
 * Makes Web Storage unusable before any page script runs: `throw` — reading `localStorage` or
 * `sessionStorage` throws (storage blocked, some private modes); `full` — every `setItem` throws
 * QuotaExceededError (storage full, old Safari private mode).
 */
export async function breakStorage(page: Page, mode: 'throw' | 'full'): Promise<void> {
	await page.addInitScript((how) => {
		if (how === 'full') {
			Storage.prototype.setItem = () => {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			};
			return;
		}
		for (const name of ['localStorage', 'sessionStorage']) {
			Object.defineProperty(window, name, {
				configurable: true,
				get() {
					throw new DOMException(`The user denied access to ${name}`, 'SecurityError');
				},
			});
		}
	}, mode);
}

/** Holds back every script the page fetches (the page's own and the chunks it imports later) by `ms`. */
export async function delayScripts(page: Page, ms: number): Promise<void> {
	await page.route(/\.js(\?|$)/, async (route) => {
		await new Promise((resolve) => setTimeout(resolve, ms));
		await route.continue();
	});
}
