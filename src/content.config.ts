import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/** Chapters and pages, Korean at the root of `content/docs/`, English under `content/docs/en/`. */
const docs = defineCollection({
	loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './content/docs' }),
	schema: docsSchema(),
});

export const collections = { docs };
