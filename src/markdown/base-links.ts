/**
 * Authors write root-relative links (`/named/#lifecycle`, `/en/bind/`). When the site is deployed
 * under a sub-path (`BASE=/mountpoint/`), those links must carry the base too. This Sätteri hast
 * plugin prefixes every root-relative `href` in Markdown/MDX content once, at build time, so the
 * content never has to know where it is deployed.
 */
import { defineHastPlugin } from 'satteri';

/** Prefixes `href` with `base` when it is root-relative and does not already start with it. */
export function withBase(href: string, base: string): string {
	if (!href.startsWith('/') || href.startsWith('//')) return href;
	const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
	if (!prefix || href === prefix || href.startsWith(`${prefix}/`)) return href;
	return `${prefix}${href}`;
}

export function baseLinksPlugin(base: string) {
	return defineHastPlugin({
		name: 'mountpoint-base-links',
		element: {
			filter: ['a'],
			visit(node, ctx) {
				const href = node.properties?.['href'];
				if (typeof href !== 'string') return;
				const next = withBase(href, base);
				if (next !== href) ctx.setProperty(node, 'href', next);
			},
		},
	});
}
