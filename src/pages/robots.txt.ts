/**
 * robots.txt, generated so that the sitemap URL carries the deploy's `SITE` and `BASE`.
 * (Crawlers only read /robots.txt at a domain's root; under a sub-path it documents the sitemap.)
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
	const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
	const sitemap = new URL(`${base}sitemap-index.xml`, site).href;
	return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${sitemap}\n`, {
		headers: { 'Content-Type': 'text/plain; charset=utf-8' },
	});
};
