import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/** Chapters and pages, Korean at the root of `content/docs/`, English under `content/docs/en/`. */
const docs = defineCollection({
	loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './content/docs' }),
	schema: docsSchema(),
});

/** Overrides of Starlight's own UI strings, one JSON file per language (`ko.json`, `en.json`). */
const i18n = defineCollection({
	loader: glob({ pattern: '*.json', base: './content/i18n' }),
	schema: i18nSchema(),
});

export const collections = { docs, i18n };
