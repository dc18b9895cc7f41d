/**
 * Cumulative Layout Shift is 0 by construction: once the document is parsed, nothing moves (islands,
 * diagrams and late styles reserve their space; scripts do not push content around). Measured with
 * the browser's `layout-shift` entries, which count moved area, not time.
 *
 * Shifts that start before the parser finished are left out: on a busy CPU Chromium paints a long
 * page part-way through parsing, and what moves then depends on the machine's load, not on the page.
 * (src/styles/stability.css removes the big one, the table of contents; `npm run audit` reports
 * Lighthouse's CLS for real loads.)
 *
 * Also left out: a shift below 0.001 whose only sources have no DOM node (Chromium's anonymous layout
 * boxes). Starlight's sidebar has one while it is parsed; on a short page under load the frame that
 * reports its move can come just after parsing ends. The plain Starlight reference site shows the
 * same entry (0.0000–0.0001), and no element of ours is among its sources.
 */
import { expect, test, type Page } from '@playwright/test';
import { builtPages, delayScripts } from './helpers.ts';

// Generous: pages load slowly on a busy 2-core machine; nothing here asserts on time.
test.describe.configure({ timeout: 90_000 });

/** Starts recording layout shifts before the page's first byte; returns a reader. */
async function recordLayoutShifts(page: Page): Promise<() => Promise<string[]>> {
	await page.addInitScript(() => {
		const shifts: string[] = [];
		Object.defineProperty(window, '__mpLayoutShifts', { value: shifts });
		type Rect = { x: number; y: number; width: number; height: number };
		type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null; previousRect: Rect; currentRect: Rect }[] };
		const box = (r: Rect) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
		new PerformanceObserver((list) => {
			for (const shift of list.getEntries() as Shift[]) {
				if (shift.hadRecentInput || shift.value === 0) continue;
				if (shift.value < 0.001 && (shift.sources ?? []).length > 0 && (shift.sources ?? []).every((source) => !source.node)) continue;
				const nodes = (shift.sources ?? []).map(({ node, previousRect, currentRect }) => {
					const name = node instanceof Element ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${[...node.classList].map((c) => `.${c}`).join('')}` : String(node?.nodeName);
					return `${name} ${box(previousRect)} → ${box(currentRect)}`;
				});
				shifts.push(`${Math.round(shift.startTime)}|${shift.value.toFixed(4)}: ${nodes.join(', ')}`);
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
	return async () => {
		// Let idle work (the search UI, islands) run and paint before reading.
		await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
		return page.evaluate(() => {
			const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
			const parsed = navigation?.domInteractive ?? 0;
			return ((window as unknown as { __mpLayoutShifts?: string[] }).__mpLayoutShifts ?? [])
				.filter((shift) => Number(shift.split('|')[0]) >= parsed)
				.map((shift) => shift.slice(shift.indexOf('|') + 1));
		});
	};
}

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 },
]) {
	test.describe(`${viewport.width}px wide`, () => {
		test.use({ viewport });
		for (const path of builtPages()) {
			test(`/${path} has no layout shift`, async ({ page }) => {
				const shifts = await recordLayoutShifts(page);
				await page.goto(path, { waitUntil: 'load' });
				expect(await shifts()).toEqual([]);
			});
		}
	});
}

/**
 * Scripts that arrive late must not move anything either: the page is painted before its islands
 * run, so what an island adds or changes must fit the room the HTML reserved for it. Every script is
 * held back here, so that the page is reliably painted before any of them runs.
 */
test.describe('scripts arriving late', () => {
	test.use({ viewport: { width: 390, height: 844 } });
	for (const path of builtPages()) {
		test(`/${path} has no layout shift`, async ({ page }) => {
			await delayScripts(page, 1_500);
			const shifts = await recordLayoutShifts(page);
			await page.goto(path, { waitUntil: 'load' });
			expect(await shifts()).toEqual([]);
		});
	}
});

/**
 * Reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways, with or without JavaScript.
 * Long tokens (paths, ids, commands) wrap; only code blocks and tables may scroll inside themselves.
 * The exam once was 420px wide on a 390px phone: one option printing a long path widened every
 * question of the list.
 */
for (const javaScriptEnabled of [true, false]) {
	test.describe(`320px wide, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled });
		for (const path of builtPages()) {
			test(`/${path} does not scroll sideways`, async ({ page }) => {
				await page.goto(path, { waitUntil: 'load' });
				const overflow = await page.evaluate(() => {
					const width = document.documentElement.clientWidth;
					const wide = [...document.querySelectorAll('body *')].filter((element) => {
						const box = element.getBoundingClientRect();
						if (box.width === 0 || box.right <= width + 1) return false;
						// Inside a box that scrolls (a code block, a table) overflowing is that box's business.
						for (let up = element.parentElement; up; up = up.parentElement) if (/auto|scroll|hidden|clip/.test(getComputedStyle(up).overflowX)) return false;
						// Only the outermost culprit: its children may overflow because it does.
						return !element.parentElement || element.parentElement.getBoundingClientRect().right <= width + 1;
					});
					const name = (element: Element) => `${element.tagName.toLowerCase()}${[...element.classList].map((c) => `.${c}`).join('')}`;
					return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5).map(name) };
				});
				expect(overflow.scrollWidth, `wider than the screen: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(overflow.width);
			});
		}
	});
}
