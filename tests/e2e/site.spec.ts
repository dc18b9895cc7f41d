import { expect, test } from '@playwright/test';
import { builtPages, collectErrors } from './helpers.ts';

const pages = builtPages();

test('the sitemap lists every chapter in both languages', () => {
	for (const slug of ['', 'layers/', 'anonymous/', 'named/', 'bind/', 'volume-containers/', 'beyond/', 'cheatsheet/']) {
		expect(pages).toContain(slug);
		expect(pages).toContain(`en/${slug}`);
	}
});

for (const path of pages) {
	test(`renders /${path} without console errors`, async ({ page }) => {
		const errors = collectErrors(page);
		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		await expect(page.locator('main h1').first()).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', path.startsWith('en/') ? 'en' : 'ko');
		expect(errors).toEqual([]);
	});
}

test('the language picker keeps you on the same page, both ways', async ({ page }) => {
	await page.goto('named/');
	await page.getByRole('combobox', { name: '언어 선택' }).first().selectOption({ label: 'English' });
	await expect(page).toHaveURL(/\/en\/named\/$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// The picker navigates from Starlight's script: until the new page has run it, a choice does nothing.
	await page.waitForLoadState('load');
	await page.getByRole('combobox', { name: 'Select language' }).first().selectOption({ label: '한국어' });
	await expect(page).toHaveURL(/\/named\/$/);
	await expect(page).not.toHaveURL(/\/en\//);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});

for (const { path, button, term, expected } of [
	{ path: '', button: '검색', term: '댕글링', expected: /\/anonymous\// },
	{ path: 'en/', button: 'Search', term: 'obscured', expected: /\/en\/bind\// },
]) {
	test(`search on /${path} finds "${term}" in the right language`, async ({ page }) => {
		await page.goto(path);
		await page.getByRole('button', { name: button }).click();
		await page.getByRole('dialog').getByRole('textbox').fill(term);
		const results = page.locator('.pagefind-ui__result-link');
		await expect(results.first()).toBeVisible({ timeout: 30_000 });
		const hrefs = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
		expect(hrefs.some((href) => expected.test(href))).toBe(true);
		// Results stay in the page's language.
		expect(hrefs.every((href) => (path === 'en/' ? href.includes('/en/') : !href.includes('/en/')))).toBe(true);
	});
}
