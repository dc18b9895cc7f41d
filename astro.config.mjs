// @ts-check
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { baseLinksPlugin } from './src/markdown/base-links.ts';
import { sidebar } from './src/i18n/sidebar.ts';
import { ENGINE_CHUNK_GROUPS } from './scripts/core-engine-modules.mjs';
import {
	CSP_DIRECTIVES,
	SCRIPT_SOURCES,
	STYLE_SOURCES,
	inlineScriptHashes,
	scriptHash,
	securityHeaders,
	starlightComponentsDir,
} from './src/security/csp.ts';
import { minifyInlineScript } from './src/security/inline-scripts.ts';

/**
 * Where the site is deployed. Both come from the environment so that the same build can go to
 * a domain root (`SITE=https://mountpoint.example`) or a sub-path (`BASE=/mountpoint/`, GitHub Pages).
 */
const site = process.env.SITE ?? 'http://127.0.0.1:4321';
const base = process.env.BASE ?? '/';

/**
 * The rules engine's modules have no side effects when imported (src/rules/README.md); only its full
 * entry point, index.ts, registers the extensions. Telling the bundler lets a page that uses one
 * small export of the engine's public API (the quizzes' option shuffle uses `nextRandom`) load that
 * export, not the whole engine.
 */
function pureRulesEngine() {
	const dir = fileURLToPath(new URL('./src/rules/', import.meta.url));
	return {
		name: 'mountpoint:pure-rules-engine',
		/** @param {string} _code @param {string} id */
		transform(_code, id) {
			return id.startsWith(dir) && !id.endsWith('/index.ts') ? { moduleSideEffects: false } : null;
		},
	};
}

export default defineConfig({
	site,
	base,
	trailingSlash: 'always',
	// Content-Security-Policy without 'unsafe-inline' for scripts: Astro hashes what it bundles and
	// inlines; `<script is:inline>` (Starlight's and ours) are hashed from their source. The same
	// policy is copied into dist/_headers by `securityHeaders()`. See src/security/csp.ts.
	security: {
		csp: {
			directives: [...CSP_DIRECTIVES],
			scriptDirective: {
				resources: [...SCRIPT_SOURCES],
				hashes: [...inlineScriptHashes([starlightComponentsDir(), './src']), scriptHash(minifyInlineScript(readFileSync(new URL('./src/components/overrides/storage-guard.js', import.meta.url), 'utf8')))],
			},
			styleDirective: { resources: [...STYLE_SOURCES] },
		},
	},
	markdown: {
		// Sätteri (Astro 7's default Markdown/MDX engine). `headingAttributes` lets every heading
		// carry a stable ASCII anchor that is identical in both languages: `## 수명 주기 {#lifecycle}`.
		processor: satteri({
			features: { headingAttributes: true },
			hastPlugins: [baseLinksPlugin(base)],
		}),
	},
	integrations: [
		starlight({
			title: { ko: '마운트포인트', en: 'Mountpoint' },
			description: 'Docker volumes, explained and checked against a real Docker Engine.',
			defaultLocale: 'root',
			locales: {
				root: { label: '한국어', lang: 'ko' },
				en: { label: 'English', lang: 'en' },
			},
			sidebar,
			lastUpdated: false,
			pagination: true,
			tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
			customCss: ['./src/styles/global.css', './src/styles/print.css', './src/styles/stability.css'],
			components: {
				// Label in Name fix for the search button; storage guard before the theme script;
				// a notice for links to a section that no longer exists.
				Search: './src/components/overrides/Search.astro',
				ThemeProvider: './src/components/overrides/ThemeProvider.astro',
				PageTitle: './src/components/overrides/PageTitle.astro',
				// ✓ marks of finished chapters on every page.
				Sidebar: './src/components/overrides/Sidebar.astro',
			},
			routeMiddleware: './src/starlight/route-data.ts',
			// The bilingual not-found page lives in src/pages/404.astro.
			disable404Route: true,
			expressiveCode: {
				// Long commands wrap instead of scrolling sideways: no horizontal scroll regions (which
				// Expressive Code would turn into unnamed `role=region` landmarks, failing axe's
				// `landmark-unique`), nothing cut off on phones or in the printed cheat sheet.
				defaultProps: { wrap: true, preserveIndent: true },
			},
		}),
		mdx(),
		securityHeaders(),
	],
	vite: {
		plugins: [pureRulesEngine()],
		build: {
			rolldownOptions: {
				output: {
					codeSplitting: {
						groups: [
							// Quiz pages load the generator (random.ts) and the preload helper without the engine; groups of higher priority keep them out of it.
							{ name: 'preload-helper', test: /vite[\\/]preload-helper/, priority: 2 },
							...ENGINE_CHUNK_GROUPS,
						],
					},
				},
			},
		},
	},
});
