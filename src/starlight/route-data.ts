/**
 * Head tags Starlight does not write the way we want, per page, through Starlight's route middleware:
 * - `og:locale` as a full locale (`ko_KR`, `en_US`) instead of the bare language;
 * - `og:image` / `twitter:image` (one static card in `public/og.png`) with `SITE` and `BASE` applied,
 *   and its alt text in the page's language.
 * Canonical URLs, `hreflang` alternates (incl. `x-default`), `og:title`/`og:description`/`og:url`
 * and the sitemap link already come from Starlight (`utils/head.ts`).
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { langOf, t } from '../i18n/ui.ts';

type HeadConfig = StarlightRouteData['head'];

const OG_LOCALES = { ko: 'ko_KR', en: 'en_US' } as const;

/** Replaces the tag with the same `property`/`name`, or appends it. */
function setMeta(head: HeadConfig, key: 'property' | 'name', value: string, content: string): void {
	const existing = head.find((tag) => tag.tag === 'meta' && tag.attrs?.[key] === value);
	if (existing) existing.attrs = { ...existing.attrs, content };
	else head.push({ tag: 'meta', attrs: { [key]: value, content }, content: '' });
}

export const onRequest = defineRouteMiddleware((context) => {
	const route = context.locals.starlightRoute;
	const lang = langOf(route.lang);
	const site = context.site ?? new URL(context.url.origin);
	const image = new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}og.png`, site).href;
	setMeta(route.head, 'property', 'og:locale', OG_LOCALES[lang]);
	setMeta(route.head, 'property', 'og:locale:alternate', OG_LOCALES[lang === 'ko' ? 'en' : 'ko']);
	setMeta(route.head, 'property', 'og:image', image);
	setMeta(route.head, 'property', 'og:image:width', '1200');
	setMeta(route.head, 'property', 'og:image:height', '630');
	setMeta(route.head, 'property', 'og:image:alt', t(lang, 'og.imageAlt'));
	setMeta(route.head, 'name', 'twitter:image', image);
});
