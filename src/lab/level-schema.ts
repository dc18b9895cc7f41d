/**
 * The Volume Lab's data (`content/lab/<id>.yaml`, Korean and English side by side): guided levels and
 * chapter presets. `src/content.config.ts` validates every file with this schema at build;
 * tests/unit/lab-levels.test.ts replays each level's reference solution through the rules engine.
 */
import { z } from 'astro/zod';
import { CHAPTER_SLUGS } from '../i18n/sidebar.ts';
import { goalSchema, localized } from '../quiz/schema.ts';

const command = z.string().trim().min(1).refine((line) => !/[\r\n]/.test(line), 'one command per line');

export const labEntrySchema = z
	.object({
		/** `level`: a guided task with a goal and a reference solution; `preset`: a chapter's starting script. */
		kind: z.enum(['level', 'preset']),
		/** The chapter the entry follows (levels are listed in chapter order, then by `order`). */
		chapter: z.enum(CHAPTER_SLUGS),
		/** Position within the chapter. */
		order: z.number().int().min(0),
		title: localized,
		/** What to do (a level) or what the preset shows (a preset). */
		task: localized,
		/** A nudge, shown on request. */
		hint: localized.optional(),
		/** The Docker version to simulate (default: the current one, 29). */
		docker: z.enum(['29', '20.10']).optional(),
		/** Commands that build the start state; shown, but not counted. */
		setup: z.array(command).default([]),
		/** The goal, a predicate on the engine state (src/quiz/goals.ts); required for levels. */
		goal: goalSchema.optional(),
		/** A reference solution; any other command sequence that reaches the goal counts as well. */
		solution: z.array(command).optional(),
		/** The reference solution's length ("solved in the fewest commands" means at most this many). */
		commandCount: z.number().int().min(1).optional(),
	})
	.strict()
	.superRefine((entry, ctx) => {
		if (entry.kind !== 'level') return;
		for (const field of ['goal', 'solution', 'commandCount', 'hint'] as const) {
			if (entry[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `a level needs \`${field}\`` });
		}
		if (entry.solution !== undefined && entry.commandCount !== undefined && entry.solution.length !== entry.commandCount) {
			ctx.addIssue({ code: 'custom', path: ['commandCount'], message: `commandCount is ${entry.commandCount} but the solution has ${entry.solution.length} commands` });
		}
	});

export type LabEntry = z.infer<typeof labEntrySchema>;

/** Levels in reading order: by chapter, then `order`. */
export function byReadingOrder<T extends { readonly chapter: string; readonly order: number }>(a: T, b: T): number {
	const chapter = (slug: string): number => CHAPTER_SLUGS.indexOf(slug as (typeof CHAPTER_SLUGS)[number]);
	return chapter(a.chapter) - chapter(b.chapter) || a.order - b.order;
}
