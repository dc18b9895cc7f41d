// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { baseLinksPlugin } from './src/markdown/base-links.ts';
import { sidebar } from './src/i18n/sidebar.ts';

/**
 * Where the site is deployed. Both come from the environment so that the same build can go to
 * a domain root (`SITE=https://mountpoint.example`) or a sub-path (`BASE=/mountpoint/`, GitHub Pages).
 */
const site = process.env.SITE ?? 'http://127.0.0.1:4321';
const base = process.env.BASE ?? '/';

export default defineConfig({
	site,
	base,
	trailingSlash: 'always',
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
			customCss: ['./src/styles/global.css', './src/styles/print.css'],
		}),
		mdx(),
	],
});
