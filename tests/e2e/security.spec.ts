/**
 * The Content-Security-Policy holds on every page, and nothing leaves the machine.
 * Pages are served with the headers from dist/_headers (as Netlify or Cloudflare Pages would), so the
 * header policy governs every script, including the inline ones in <head> that come before the
 * <meta> policy. Every request to a non-loopback origin is aborted and recorded.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { blockThirdPartyRequests, builtPages, collectErrors, watchCspViolations } from './helpers.ts';

/** `_headers` (Netlify / Cloudflare Pages format): one rule for every path under the base. */
function productionHeaders(): Record<string, string> {
	const lines = readFileSync(join('dist', '_headers'), 'utf8').split('\n');
	return Object.fromEntries(
		lines
			.filter((line) => /^\s+\S/.test(line))
			.map((line) => {
				const [name = '', ...value] = line.trim().split(':');
				return [name.trim(), value.join(':').trim()];
			}),
	);
}

const directivesOf = (policy: string) =>
	policy
		.split(';')
		.map((d) => d.trim().replace(/\s+/g, ' '))
		.filter(Boolean);

const metaPolicyOf = (html: string) =>
	/<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? '';

// axe (and waiting for the idle-loaded search UI) takes a while on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

const htmlFiles = readdirSync('dist', { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html'));

/** Serves every loopback document with the production headers added. */
async function serveWithProductionHeaders(page: Page): Promise<void> {
	const headers = productionHeaders();
	await page.route(
		(url) => url.hostname === '127.0.0.1',
		async (route) => {
			if (route.request().resourceType() !== 'document') return route.fallback();
			const response = await route.fetch();
			return route.fulfill({ response, headers: { ...response.headers(), ...headers } });
		},
	);
}

test.describe('policy', () => {
	test('_headers carries the pages’ CSP (plus frame-ancestors) and the other security headers', () => {
		const headers = productionHeaders();
		const metaPolicy = metaPolicyOf(readFileSync(join('dist', 'index.html'), 'utf8'));
		expect(directivesOf(headers['Content-Security-Policy'] ?? '')).toEqual([...directivesOf(metaPolicy), "frame-ancestors 'none'"]);
		expect(headers['X-Content-Type-Options']).toBe('nosniff');
		expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
		expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/);
	});

	test('every page has the same CSP <meta>, without unsafe-inline or unsafe-eval for scripts', () => {
		const policies = new Set(htmlFiles.map((file) => metaPolicyOf(readFileSync(join('dist', file), 'utf8'))));
		expect(policies.size).toBe(1);
		const [policy = ''] = policies;
		const scriptSrc = directivesOf(policy).find((d) => d.startsWith('script-src ')) ?? '';
		expect(scriptSrc).toMatch(/^script-src 'self' /);
		expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:/);
		expect(directivesOf(policy)).toContain("default-src 'self'");
		expect(directivesOf(policy)).toContain("object-src 'none'");
	});

	test('every inline script on every page is allowed by its hash', () => {
		const missing: string[] = [];
		for (const file of htmlFiles) {
			const html = readFileSync(join('dist', file), 'utf8');
			const policy = metaPolicyOf(html);
			for (const [, attrs = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
				if (/\bsrc=/.test(attrs) || /type="(application\/(ld\+)?json|speculationrules)"/.test(attrs)) continue;
				const hash = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
				if (!policy.includes(hash)) missing.push(`${file}: ${hash} ${body.trim().slice(0, 60)}`);
			}
		}
		expect(missing).toEqual([]);
	});
});

for (const path of [...builtPages(), 'no-such-page/']) {
	test(`/${path}: no CSP violation, no third-party request, no error`, async ({ page }) => {
		await serveWithProductionHeaders(page);
		const blocked = blockThirdPartyRequests(page);
		const violations = await watchCspViolations(page);
		const errors = collectErrors(page);
		await page.goto(path);
		// Starlight loads the search UI when the browser is idle: wait for it, so it is checked too.
		await expect(page.locator('#starlight__search .pagefind-ui')).toBeAttached({ timeout: 30_000 });
		expect(await violations()).toEqual([]);
		expect(blocked).toEqual([]);
		// The not-found page is served with status 404, which Chromium logs as a console error.
		expect(errors.filter((error) => !/status of 404 \(Not Found\)/.test(error) || !path.startsWith('no-such'))).toEqual([]);
	});
}

for (const [path, term, search] of [
	['', '볼륨', '검색'],
	['en/', 'volume', 'Search'],
] as const) {
	test(`searching on /${path} (Pagefind's WebAssembly) passes the CSP`, async ({ page }) => {
		await serveWithProductionHeaders(page);
		const blocked = blockThirdPartyRequests(page);
		const violations = await watchCspViolations(page);
		await page.goto(path);
		await page.getByRole('button', { name: search }).click();
		await page.getByRole('dialog').getByRole('textbox').fill(term);
		await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 30_000 });
		expect(await violations()).toEqual([]);
		expect(blocked).toEqual([]);
	});
}

test('an injected inline script is blocked by the policy', async ({ page }) => {
	await serveWithProductionHeaders(page);
	const violations = await watchCspViolations(page);
	await page.goto('');
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__mpInjected = true;';
		document.body.append(script);
	});
	expect(await page.evaluate(() => 'mpInjected' in window || '__mpInjected' in window)).toBe(false);
	expect((await violations()).join('\n')).toMatch(/script-src/);
});
