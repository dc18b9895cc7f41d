import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { quizFileSchema } from './quiz/schema.ts';
import { labEntrySchema } from './lab/level-schema.ts';

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

/**
 * One quiz per chapter (`content/quizzes/<chapter>.yaml`, Korean and English side by side). The schema
 * (src/quiz/schema.ts) fails the build with the path of any malformed field; answer keys are then
 * computed by the rules engine when the quiz is rendered (src/quiz/build.ts).
 */
const quizzes = defineCollection({
	loader: glob({ pattern: '*.yaml', base: './content/quizzes' }),
	schema: quizFileSchema,
});

/**
 * The Volume Lab's levels and chapter presets (`content/lab/<id>.yaml`, both languages side by side),
 * validated by src/lab/level-schema.ts; every level's reference solution is replayed by a unit test.
 */
const lab = defineCollection({
	loader: glob({ pattern: '*.yaml', base: './content/lab' }),
	schema: labEntrySchema,
});

export const collections = { docs, i18n, quizzes, lab };
