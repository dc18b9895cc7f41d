import { expect, test, type Page } from '@playwright/test';

/**
 * The cheat sheet is meant to be printed: on paper there is no navigation chrome, code is not
 * clipped, the dark theme turns light, and the whole page fits on two A4 sheets. Checked in both
 * languages with emulated print media and a real PDF from Chromium.
 */
const cheatSheets = [
	{ lang: 'ko', path: 'cheatsheet/' },
	{ lang: 'en', path: 'en/cheatsheet/' },
] as const;

/** Pages in a Chromium PDF: page objects are `/Type /Page`; the page tree is `/Type /Pages`. */
function pdfPageCount(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

async function openForPrint(page: Page, path: string, theme: 'light' | 'dark'): Promise<void> {
	await page.addInitScript((value) => {
		try {
			localStorage.setItem('starlight-theme', value);
		} catch {
			// Storage may be unavailable; the theme then follows the system, which is fine here.
		}
	}, theme);
	await page.goto(path);
	await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
	await page.emulateMedia({ media: 'print' });
}

for (const { lang, path } of cheatSheets) {
	test.describe(`cheat sheet (${lang}) in print`, () => {
		test('shows no navigation chrome', async ({ page }) => {
			await openForPrint(page, path, 'light');
			await expect(page.locator('main h1').first()).toBeVisible();
			for (const selector of [
				'.page > header',
				'nav.sidebar',
				'.right-sidebar-container',
				'mobile-starlight-toc',
				'site-search',
				'starlight-theme-select',
				'starlight-lang-select',
				'.pagination-links',
				'main footer',
			]) {
				for (const element of await page.locator(selector).all()) await expect(element, selector).toBeHidden();
			}
		});

		test('prints links as plain text and code without clipping', async ({ page }) => {
			await openForPrint(page, path, 'light');
			const link = page.locator('.sl-markdown-content a').first();
			const style = await link.evaluate((element) => {
				const css = getComputedStyle(element);
				const parent = getComputedStyle(element.parentElement ?? element);
				return { decoration: css.textDecorationLine, color: css.color, parentColor: parent.color };
			});
			expect(style.decoration).toBe('none');
			expect(style.color).toBe(style.parentColor);
			for (const pre of await page.locator('.sl-markdown-content pre').all()) {
				const clipped = await pre.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
				expect(clipped, 'a code block is wider than its box').toBe(false);
			}
		});

		test('turns the dark theme light', async ({ page }) => {
			await openForPrint(page, path, 'dark');
			const colours = await page.evaluate(() => {
				const luminance = (value: string) => {
					const [r = 0, g = 0, b = 0] = (value.match(/[\d.]+/g) ?? []).map(Number);
					return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
				};
				const body = getComputedStyle(document.body);
				const code = document.querySelector('.expressive-code pre');
				const text = document.querySelector('.sl-markdown-content p');
				return {
					background: luminance(body.backgroundColor),
					text: luminance(text ? getComputedStyle(text).color : 'rgb(0,0,0)'),
					code: luminance(code ? getComputedStyle(code).backgroundColor : 'rgb(255,255,255)'),
				};
			});
			expect(colours.background).toBeGreaterThan(0.9);
			expect(colours.code).toBeGreaterThan(0.9);
			expect(colours.text).toBeLessThan(0.3);
		});

		test('fits on at most two A4 pages', async ({ page }) => {
			// Laying out and printing a whole page is the slowest thing these tests do.
			test.slow();
			// The dark theme is the harder case: the print styles have to undo it.
			await openForPrint(page, path, 'dark');
			const pdf = await page.pdf({ format: 'A4', printBackground: true });
			const pages = pdfPageCount(pdf);
			expect(pages).toBeGreaterThanOrEqual(1);
			expect(pages).toBeLessThanOrEqual(2);
		});
	});
}

test('other pages print without the sidebar and table of contents', async ({ page }) => {
	await openForPrint(page, 'bind/', 'dark');
	await expect(page.locator('main h1').first()).toBeVisible();
	for (const selector of ['nav.sidebar', '.right-sidebar-container', 'mobile-starlight-toc', 'site-search']) {
		for (const element of await page.locator(selector).all()) await expect(element, selector).toBeHidden();
	}
});
