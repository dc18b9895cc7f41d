/**
 * UI strings, flat dotted keys per language. Components never inline user-visible literals:
 * they call `t(lang, key)`. Korean is the source language; English must have every key
 * (the type enforces it).
 */
export const LANGS = ['ko', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const ko = {
	'misconception.label': '흔한 오해',
	'misconception.claim': '노트의 주장',
	'misconception.actual': '도커의 실제 동작',
	'misconception.evidence': '근거',
	'chapter.next': '다음 장',
	'chapter.summary': '기억할 것',
} as const;

export type UiKey = keyof typeof ko;

const en: Record<UiKey, string> = {
	'misconception.label': 'Common misconception',
	'misconception.claim': 'What the notes claimed',
	'misconception.actual': 'What Docker actually does',
	'misconception.evidence': 'Evidence',
	'chapter.next': 'Next chapter',
	'chapter.summary': 'What to remember',
};

const strings: Record<Lang, Record<UiKey, string>> = { ko, en };

/** Narrows any locale string (`'ko'`, `'en'`, `'en-US'`, undefined) to a supported language. */
export function langOf(locale: string | undefined): Lang {
	return locale?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

export function t(lang: Lang, key: UiKey): string {
	return strings[lang][key];
}

/** Site-internal URL of a page in a language, respecting the deploy base (`BASE`). */
export function pageHref(lang: Lang, slug: string, hash?: string): string {
	const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
	const path = `${lang === 'en' ? 'en/' : ''}${slug ? `${slug}/` : ''}`;
	return `${base}${path}${hash ? `#${hash}` : ''}`;
}
