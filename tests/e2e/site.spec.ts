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
	await page.getByRole('combobox', { name: 'Select language' }).first().selectOption({ label: '한국어' });
	await expect(page).toHaveURL(/\/named\/$/);
	await expect(page).not.toHaveURL(/\/en\//);
	await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
});
