/**
 * How every tool here starts a browser: Debian's Chromium when it is installed (browsers are never
 * downloaded on these machines), with the flags that keep it quiet and offline; elsewhere the
 * caller falls back to Playwright's own Chromium. Used by playwright.config.ts, the Lighthouse
 * audit and the lab bench.
 */
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Playwright launch options: Debian's Chromium with our flags when present, otherwise Playwright's defaults. */
export function chromiumLaunchOptions(): { executablePath?: string; args?: string[] } {
	return existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM, args: [...CHROMIUM_FLAGS] } : {};
}
