/**
 * The reading path, in order. One list drives the sidebar and the prev/next links, in both
 * languages: Starlight resolves each slug to the Korean page at `/slug/` and the English one at
 * `/en/slug/`.
 */
export const CHAPTER_SLUGS = ['layers', 'anonymous', 'named', 'bind', 'volume-containers', 'beyond'] as const;
export type ChapterSlug = (typeof CHAPTER_SLUGS)[number];

export const sidebar = [
	{ label: '시작하기', translations: { en: 'Start here' }, slug: 'index' },
	{
		label: '장',
		translations: { en: 'Chapters' },
		items: CHAPTER_SLUGS.map((slug) => ({ slug })),
	},
	{
		label: '연습과 참고',
		translations: { en: 'Practice and reference' },
		items: [{ slug: 'lab' }, { slug: 'exam' }, { slug: 'progress' }, { slug: 'cheatsheet' }],
	},
];
