import type { Page } from '@playwright/test';
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
