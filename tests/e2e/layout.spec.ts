/**
 * Cumulative Layout Shift is 0 by construction: nothing moves after it is first painted (islands
 * and diagrams reserve their space). Measured with the browser's `layout-shift` entries, which
 * count moved area, not time.
 */
import { expect, test, type Page } from '@playwright/test';
import { builtPages } from './helpers.ts';

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
				const nodes = (shift.sources ?? []).map(({ node, previousRect, currentRect }) => {
					const name = node instanceof Element ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${[...node.classList].map((c) => `.${c}`).join('')}` : String(node?.nodeName);
					return `${name} ${box(previousRect)} → ${box(currentRect)}`;
				});
				shifts.push(`${shift.value.toFixed(4)}: ${nodes.join(', ')}`);
			}
		}).observe({ type: 'layout-shift', buffered: true });
	});
	return async () => {
		// Let idle work (the search UI, islands) run and paint before reading.
		await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
		return page.evaluate(() => [...((window as unknown as { __mpLayoutShifts?: string[] }).__mpLayoutShifts ?? [])]);
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
