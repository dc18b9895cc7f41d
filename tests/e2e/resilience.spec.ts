/**
 * What a browser or a link can throw at the site: a missing page or a renamed section, JavaScript
 * turned off, Web Storage that throws or is full.
 */
import { expect, test } from '@playwright/test';
import { CHAPTER_SLUGS } from '../../src/i18n/sidebar.ts';
import { breakStorage, builtPages, collectErrors } from './helpers.ts';

// Generous: pages load slowly on a busy 2-core machine; nothing here asserts on time.
test.describe.configure({ timeout: 90_000 });

const pages = builtPages();

test.describe('not found', () => {
	for (const [path, lang, other, heading, chapterLink] of [
		['no-such-chapter/', 'ko', 'en', '페이지를 찾을 수 없어요', 'layers/'],
		['en/no-such-chapter/', 'en', 'ko', 'Page not found', 'en/layers/'],
		['named/old-section/', 'ko', 'en', '페이지를 찾을 수 없어요', 'layers/'],
	] as const) {
		test(`/${path} shows the ${lang} help with links into the guide`, async ({ page, baseURL }) => {
			const errors = collectErrors(page);
			const response = await page.goto(path);
			expect(response?.status()).toBe(404);
			const help = page.locator(`section[lang="${lang}"]`);
			await expect(help.getByRole('heading', { level: 2, name: heading })).toBeVisible();
			await expect(page.locator(`section[lang="${other}"]`)).toBeHidden();
			// One 404.html serves both languages; its header (search included) is the root locale's.
			await expect(page.getByRole('button', { name: '검색' })).toBeEnabled();
			await help.locator(`a[href$="/${chapterLink}"]`).click();
			await expect(page).toHaveURL(`${baseURL}${chapterLink}`);
			await expect(page.locator('main h1')).toBeVisible();
			expect(errors.filter((e) => !/404 \(Not Found\)/.test(e))).toEqual([]);
		});
	}

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false });
		test('the not-found page shows both languages, Korean first', async ({ page }) => {
			await page.goto('en/no-such-chapter/');
			const sections = page.locator('section[lang]');
			await expect(sections).toHaveCount(2);
			await expect(sections.nth(0)).toHaveAttribute('lang', 'ko');
			await expect(sections.nth(0)).toBeVisible();
			await expect(sections.nth(1)).toHaveAttribute('lang', 'en');
			await expect(sections.nth(1)).toBeVisible();
			await expect(sections.nth(1).locator('a[href$="/en/layers/"]')).toBeVisible();
		});
	});

	for (const [path, text] of [
		['layers/#old-section-name', '이 페이지에는 링크가 가리키는 절이 없어요'],
		['en/layers/#old-section-name', 'This page has no section by the name in the link'],
	] as const) {
		test(`a link to a renamed section (/${path}) says so in the page's language`, async ({ page }) => {
			await page.goto(path);
			const notice = page.getByRole('status').filter({ hasText: text });
			await expect(notice).toBeVisible();
			await expect(notice).toContainText('#old-section-name');
			await notice.getByRole('link').click();
			await expect(page).toHaveURL(/#_top$/);
			await expect(notice).toBeHidden();
		});
	}

	test('a link to an existing section shows no notice', async ({ page }) => {
		await page.goto('layers/#_top');
		await expect(page.locator('.mp-missing-anchor')).toBeHidden();
	});

	test('a share link fragment (#progress=…) is data, not a missing section', async ({ page }) => {
		await page.goto('en/progress/#progress=1.abc');
		await expect(page.locator('.mp-missing-anchor')).toBeHidden();
	});
});

test.describe('JavaScript disabled', () => {
	test.use({ javaScriptEnabled: false });
	const readable = pages.filter((path) => [...CHAPTER_SLUGS, 'cheatsheet'].some((slug) => path === `${slug}/` || path === `en/${slug}/`));

	test('covers every chapter and the cheat sheet in both languages', () => {
		expect(readable).toHaveLength((CHAPTER_SLUGS.length + 1) * 2);
	});

	for (const path of readable) {
		test(`/${path} renders its main content`, async ({ page }) => {
			await page.goto(path);
			const main = page.locator('main');
			await expect(main.locator('h1')).toBeVisible();
			const content = main.locator('.sl-markdown-content');
			await expect(content).toBeVisible();
			expect((await content.innerText()).trim().length).toBeGreaterThan(0);
			for (const heading of await content.locator('h2').all()) await expect(heading).toBeVisible();
		});
	}
});

test.describe('Web Storage unavailable', () => {
	for (const mode of ['throw', 'full'] as const) {
		for (const path of pages) {
			test(`/${path} loads without errors when storage ${mode === 'throw' ? 'throws on access' : 'is full'}`, async ({ page }) => {
				await breakStorage(page, mode);
				const errors = collectErrors(page);
				await page.goto(path);
				await expect(page.locator('main h1')).toBeVisible();
				await expect(page.getByRole('button', { name: path.startsWith('en/') ? 'Search' : '검색' })).toBeEnabled();
				// The guard in the ThemeProvider override swapped in session-only storage and says so.
				await expect(page.locator('html')).toHaveAttribute('data-mp-storage', 'memory');
				expect(errors).toEqual([]);
			});
		}
	}

	test('when storage throws, pages flag it and the theme picker still works for the session', async ({ page }) => {
		await breakStorage(page, 'throw');
		const errors = collectErrors(page);
		await page.goto('layers/');
		await expect(page.locator('html')).toHaveAttribute('data-mp-storage', 'memory');
		await page.getByRole('combobox', { name: '테마 선택' }).first().selectOption('light');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		await page.getByRole('combobox', { name: '테마 선택' }).first().selectOption('dark');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		expect(errors).toEqual([]);
	});
});
