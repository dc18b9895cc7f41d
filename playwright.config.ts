import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.ts';

/**
 * End-to-end tests run against the built site (`npm run build` first), served by `astro preview`.
 * Debian's Chromium is used when present (scripts/chromium.ts); elsewhere Playwright's own Chromium.
 */
const port = Number(process.env['E2E_PORT'] ?? 4329);
const base = (process.env['BASE'] ?? '/').replace(/\/?$/, '/');

export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: true,
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	timeout: 30_000,
	use: {
		baseURL: `http://127.0.0.1:${port}${base}`,
		trace: 'retain-on-failure',
		...devices['Desktop Chrome'],
		launchOptions: chromiumLaunchOptions(),
	},
	webServer: {
		command: `npx astro preview --host 127.0.0.1 --port ${port}`,
		url: `http://127.0.0.1:${port}${base}`,
		reuseExistingServer: false,
		timeout: 60_000,
	},
});
