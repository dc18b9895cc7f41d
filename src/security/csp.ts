/**
 * The site's security policy, in one place. `astro.config.mjs` hands the CSP parts to Astro's
 * `security.csp` (which hashes every script and style it bundles and writes the policy into each
 * page's `<meta http-equiv="content-security-policy">`); `securityHeaders()` then copies that exact
 * policy, plus the headers a `<meta>` cannot carry, into `dist/_headers` (Netlify / Cloudflare
 * Pages format) after the build. Tests read both back and compare them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Directives other than `script-src`/`style-src` (Astro owns those two). Everything is same-origin:
 * the site loads nothing from any other origin. `data:` images are the SVG masks in Starlight's
 * and Expressive Code's CSS.
 */
export const CSP_DIRECTIVES = [
	"default-src 'self'",
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
] as const;

/**
 * `script-src` sources besides the hashes. Pagefind (Starlight's search) compiles WebAssembly,
 * which needs `'wasm-unsafe-eval'` (it allows WebAssembly compilation only, not `eval`).
 * Never `'unsafe-inline'`: every inline script is allowed by its hash.
 */
export const SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/**
 * `style-src` sources. Starlight and Expressive Code put custom properties in `style` attributes
 * (`style="--sl-icon-size: 1em"`), which hashes cannot allow without `'unsafe-hashes'` for each
 * one; inline styles cannot run code, so they stay allowed.
 */
export const STYLE_SOURCES = ["'self'", "'unsafe-inline'"] as const;

/** Directives that only work as an HTTP header (browsers ignore them, with an error, in a `<meta>`). */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"] as const;

/** The other response headers every page gets from static hosts that read `_headers`. */
export const SECURITY_HEADERS = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy':
		'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

// `<script is:inline set:html={…} />` (no body in the source) is not matched: its text comes from code (inline-scripts.ts).
const INLINE_SCRIPT = /<script\b([^>]*\bis:inline\b[^>]*?)(?<!\/)>([\s\S]*?)<\/script>/g;

/** The CSP source (`sha256-…`) that allows an inline script with exactly this text. */
export function scriptHash(body: string): `sha256-${string}` {
	return `sha256-${createHash('sha256').update(body).digest('base64')}`;
}

/**
 * SHA-256 hashes (CSP source form, `sha256-…`) of every `<script is:inline>` in the given `.astro`
 * files or directories. Astro copies such scripts into the page verbatim, so hashing the source is
 * hashing what the browser sees; `tests/e2e/security.spec.ts` checks that against the built pages.
 * A `define:vars` script changes per render and cannot be hashed here, so it is refused.
 */
export function inlineScriptHashes(paths: readonly string[]): `sha256-${string}`[] {
	const hashes = new Set<`sha256-${string}`>();
	for (const file of paths.flatMap(astroFiles)) {
		for (const [, attrs = '', body = ''] of readFileSync(file, 'utf8').matchAll(INLINE_SCRIPT)) {
			if (/\bdefine:vars\b/.test(attrs)) throw new Error(`${file}: <script is:inline define:vars> cannot be allowed by a CSP hash`);
			hashes.add(scriptHash(body));
		}
	}
	return [...hashes].sort();
}

function astroFiles(path: string): string[] {
	if (path.endsWith('.astro')) return [path];
	return readdirSync(path, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.astro'))
		.map((name) => join(path, name));
}

/** Starlight's components directory (its `is:inline` scripts: theme, search shortcut, sidebar state). */
export function starlightComponentsDir(): string {
	return dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight/components/Page.astro')));
}

/** The policy Astro wrote into a built page's `<meta http-equiv="content-security-policy">`. */
export function cspOfPage(html: string): string | undefined {
	const meta = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i.exec(html);
	return meta?.[1]?.replaceAll('&#39;', "'").replaceAll('&apos;', "'").replaceAll('&quot;', '"');
}

/** The full header policy: the page policy plus what only a header can say. */
export function headerPolicy(pagePolicy: string): string {
	const directives = pagePolicy
		.split(';')
		.map((directive) => directive.trim())
		.filter(Boolean);
	return [...directives, ...HEADER_ONLY_DIRECTIVES].join('; ');
}

/** `_headers` text for a policy, applying to every path under the deploy base. */
export function headersFile(pagePolicy: string, base: string): string {
	const lines = [`${base.replace(/\/?$/, '/')}*`, `  Content-Security-Policy: ${headerPolicy(pagePolicy)}`];
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) lines.push(`  ${name}: ${value}`);
	return `${lines.join('\n')}\n`;
}

/**
 * Writes `dist/_headers` from the policy Astro put into the built home page, so the header and the
 * `<meta>` can never drift apart. Fails the build if pages disagree about the policy.
 */
export function securityHeaders(): AstroIntegration {
	let base = '/';
	return {
		name: 'mountpoint:security-headers',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base;
			},
			'astro:build:done': ({ dir, logger }) => {
				const outDir = fileURLToPath(dir);
				const policies = new Map<string, string>();
				for (const name of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
					if (!name.endsWith('.html')) continue;
					const policy = cspOfPage(readFileSync(join(outDir, name), 'utf8'));
					if (!policy) throw new Error(`security-headers: ${name} has no CSP <meta>`);
					policies.set(policy, name);
				}
				if (policies.size !== 1) {
					throw new Error(`security-headers: pages disagree about the CSP:\n${[...policies].map(([p, n]) => `${n}: ${p}`).join('\n')}`);
				}
				const [policy = ''] = policies.keys();
				mkdirSync(outDir, { recursive: true });
				writeFileSync(join(outDir, '_headers'), headersFile(policy, base));
				logger.info('wrote _headers with the pages’ Content-Security-Policy');
			},
		},
	};
}
