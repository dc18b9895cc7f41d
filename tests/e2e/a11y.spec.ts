/**
 * axe-core over every built page (read from the sitemap, like Starlight's own docs), in both
 * languages, light and dark, desktop and mobile widths, plus the not-found page and the mobile menu
 * open. Zero violations of WCAG 2.0/2.1/2.2 A and AA and axe's best practices.
 * Interactive states (quiz answered, lab in use) are checked by their own specs with
 * `expectNoAxeViolations` from ./helpers.ts.
 */
import { expect, test } from '@playwright/test';
import { builtPages, expectNoAxeViolations } from './helpers.ts';

// axe (and waiting for the idle-loaded search UI) takes a while on a busy 2-core machine.
test.describe.configure({ timeout: 120_000 });

const pages = [...builtPages(), 'no-such-page/', 'en/no-such-page/'];

const VIEWPORTS = {
	desktop: { width: 1280, height: 800 },
	mobile: { width: 390, height: 844 },
} as const;

for (const [device, viewport] of Object.entries(VIEWPORTS)) {
	for (const theme of ['light', 'dark'] as const) {
		test.describe(`${device}, ${theme} theme`, () => {
			test.use({ viewport, colorScheme: theme });

			for (const path of pages) {
				test(`/${path} has no axe violations`, async ({ page }) => {
					await page.goto(path);
					await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
					await expectNoAxeViolations(page);
				});
			}
		});
	}
}

test.describe('mobile menu open', () => {
	test.use({ viewport: VIEWPORTS.mobile });

	for (const [path, menu] of [
		['', '메뉴'],
		['layers/', '메뉴'],
		['en/', 'Menu'],
		['en/layers/', 'Menu'],
	] as const) {
		for (const theme of ['light', 'dark'] as const) {
			test(`/${path} (${theme}) has no axe violations with the menu open`, async ({ page }) => {
				await page.emulateMedia({ colorScheme: theme });
				await page.goto(path);
				await page.getByRole('button', { name: menu }).click();
				await expect(page.locator('#starlight__sidebar')).toBeVisible();
				await expectNoAxeViolations(page);
			});
		}
	}
});

test.describe('keyboard', () => {
	for (const [path, names] of [
		['layers/', { skip: '콘텐츠로 이동', search: '검색', theme: '테마 선택', language: '언어 선택' }],
		['en/layers/', { skip: 'Skip to content', search: 'Search', theme: 'Select theme', language: 'Select language' }],
	] as const) {
		test(`Tab from load on /${path} reaches skip link, search, theme and language pickers in order`, async ({ page }) => {
			await page.goto(path);
			const targets = [
				page.getByRole('link', { name: names.skip }),
				page.getByRole('button', { name: names.search }),
				page.getByRole('combobox', { name: names.theme }).first(),
				page.getByRole('combobox', { name: names.language }).first(),
			];
			const reached: number[] = [];
			for (let step = 0; step < 10 && reached.length < targets.length; step++) {
				await page.keyboard.press('Tab');
				for (const [index, target] of targets.entries()) {
					if (await target.evaluate((el) => el === document.activeElement)) reached.push(index);
				}
			}
			expect(reached).toEqual([0, 1, 2, 3]);
		});

		test(`the skip link on /${path} moves focus to the main content`, async ({ page }) => {
			await page.goto(path);
			await page.keyboard.press('Tab');
			const skip = page.getByRole('link', { name: names.skip });
			await expect(skip).toBeFocused();
			await expect(skip).toBeInViewport();
			await page.keyboard.press('Enter');
			await expect(page).toHaveURL(/#_top$/);
			// The next Tab continues from inside <main>, not from the header.
			await page.keyboard.press('Tab');
			expect(await page.evaluate(() => document.activeElement?.closest('main') !== null || document.activeElement?.closest('.right-sidebar') !== null)).toBe(true);
			expect(await page.evaluate(() => document.activeElement?.closest('header') === null)).toBe(true);
		});
	}
});
