/**
 * The progress page in both languages: scores and review after answering a chapter quiz, the
 * finished-chapter mark in the sidebar, the learner's name, a share link opened as a read-only view
 * (without touching the viewer's own progress), a tampered link, JSON export/import and reset.
 */
import { readFileSync } from 'node:fs';
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { collectErrors, expectNoAxeViolations } from './helpers.ts';

/** Grading a written command loads the engine first (a ~34 KB chunk): allow for a slow machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

const UI = {
	ko: {
		chapter: 'layers/',
		progress: 'progress/',
		check: '채점하기',
		shared: '공유받은 결과 (읽기 전용)',
		bad: '이 공유 링크는 읽을 수 없어요',
		mine: '내 진행 상황 보기',
		make: '공유 링크 만들기',
		save: '이름 저장',
		name: '이름 (공유할 때 보여요, 선택)',
		done: '완료',
		reset: '진행 상황 모두 지우기',
		export: 'JSON으로 내보내기',
		import: 'JSON 파일 가져오기',
		badFile: '읽을 수 없는 데이터예요',
		imported: '진행 상황을 가져왔어요',
	},
	en: {
		chapter: 'en/layers/',
		progress: 'en/progress/',
		check: 'Check answers',
		shared: 'Shared results (read-only)',
		bad: 'This share link cannot be read',
		mine: 'Show my own progress',
		make: 'Make a share link',
		save: 'Save name',
		name: 'Your name (shown when you share; optional)',
		done: 'done',
		reset: 'Erase all progress',
		export: 'Export as JSON',
		import: 'Import a JSON file',
		badFile: 'This data cannot be read',
		imported: 'Progress imported.',
	},
} as const;

/** Answers the chapter's quiz, all right except the questions at `wrong`. */
async function takeQuiz(page: Page, path: string, check: string, wrong: number[] = []): Promise<number> {
	await page.goto(path);
	const questions = page.locator('mp-quiz .mp-q');
	const count = await questions.count();
	for (let i = 0; i < count; i++) {
		const question = questions.nth(i);
		if ((await question.getAttribute('data-select')) === 'command') {
			await question.locator('textarea').fill(wrong.includes(i) ? 'docker ps' : (await question.locator('details pre').first().innerText()).trim());
			continue;
		}
		const correct = ((await question.getAttribute('data-correct')) ?? '').split(' ');
		const values = await question.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		const picks = wrong.includes(i) ? [values.find((value) => !correct.includes(value)) ?? correct[0]] : correct;
		for (const value of picks) await question.locator(`input[value="${value}"]`).check();
	}
	await page.getByRole('button', { name: check }).click();
	await expect(questions.nth(count - 1)).toHaveAttribute('data-state', wrong.includes(count - 1) ? 'wrong' : 'right');
	return count;
}

const storedText = (page: Page) => page.evaluate(() => localStorage.getItem('mp:v1:progress'));

for (const [lang, ui] of Object.entries(UI)) {
	test.describe(`progress page (${lang})`, () => {
		test('scores, what to review and the finished-chapter mark', async ({ page }) => {
			test.slow();
			const errors = collectErrors(page);
			const count = await takeQuiz(page, ui.chapter, ui.check);
			// Every question right: the chapter's sidebar link gets a mark with accessible text.
			const link = page.locator(`#starlight__sidebar a[href$="/${ui.chapter}"]`);
			await expect(link.locator('.mp-done')).toHaveText(` (${ui.done})`);
			await takeQuiz(page, ui.chapter.replace('layers', 'named'), ui.check, [1]);
			await page.goto(ui.progress);
			const layers = page.locator('tr[data-group="layers"]');
			await expect(layers.locator('[data-cell="score"]')).toHaveText(`${count} / ${count}`);
			await expect(layers.locator('[data-cell="status"]')).toHaveText(ui.done);
			const named = page.locator('tr[data-group="named"]');
			await expect(named.locator('[data-cell="status"]')).not.toHaveText(ui.done);
			const review = page.locator('[data-review] li');
			await expect(review).toHaveCount(1);
			const href = await review.locator('a').first().getAttribute('href');
			expect(href).toMatch(/\/named\/#q-named-/);
			await expect(page.locator(`#starlight__sidebar a[href$="/${ui.chapter}"] .mp-done`)).toHaveCount(1);
			await expectNoAxeViolations(page);
			// Pages without a quiz (the landing page a lead links to, the cheat sheet) show the marks too.
			await page.goto(ui.progress.replace('progress/', 'cheatsheet/'));
			await expect(page.locator(`#starlight__sidebar a[href$="/${ui.chapter}"] .mp-done`)).toHaveCount(1);
			await expect(page.locator(`#starlight__sidebar a[href$="/${ui.chapter.replace('layers', 'named')}"] .mp-done`)).toHaveCount(0);
			expect(errors).toEqual([]);
		});

		test('share link: a labelled read-only view that leaves the viewer’s progress alone', async ({ page, context }) => {
			test.slow();
			const count = await takeQuiz(page, ui.chapter, ui.check, [0]);
			await page.goto(ui.progress);
			await page.getByLabel(ui.name).fill('Mina');
			await page.getByRole('button', { name: ui.save }).click();
			await page.getByRole('button', { name: ui.make }).click();
			const link = await page.locator('[data-share-link]').inputValue();
			expect(link).toMatch(/#progress=1\./);

			// The team lead: a fresh browser profile with progress of their own.
			const lead = await context.browser()?.newContext();
			if (!lead) throw new Error('no browser');
			const leadPage = await lead.newPage();
			await leadPage.goto(ui.progress);
			await leadPage.evaluate(() => localStorage.setItem('mp:v1:progress', JSON.stringify({ version: 1, questions: {}, levels: { 'lead-level': { best: 2 } }, name: 'Lead' })));
			const before = await storedText(leadPage);
			await leadPage.goto(link);
			await expect(leadPage.getByRole('heading', { name: ui.shared })).toBeVisible();
			await expect(leadPage.locator('[data-shared-by]')).toContainText('Mina');
			await expect(leadPage.locator('tr[data-group="layers"] [data-cell="score"]')).toHaveText(`${count - 1} / ${count}`);
			await expect(leadPage.locator('[data-review] li')).toHaveCount(1);
			await expect(leadPage.getByRole('button', { name: ui.reset })).toBeHidden();
			expect(await storedText(leadPage)).toBe(before);
			await expectNoAxeViolations(leadPage);
			await leadPage.getByRole('button', { name: ui.mine }).click();
			await expect(leadPage.getByRole('heading', { name: ui.shared })).toBeHidden();
			await expect(leadPage.locator('tr[data-group="layers"] [data-cell="score"]')).toHaveText(`0 / ${count}`);
			expect(await storedText(leadPage)).toBe(before);
			await lead.close();
		});

		test('a tampered share link says so', async ({ page }) => {
			const errors = collectErrors(page);
			await page.goto(`${ui.progress}#progress=1.eyJxIjpbWyJsYXllcnMvcmVzdGFydC`);
			await expect(page.getByRole('alert')).toContainText(ui.bad);
			await expect(page.getByRole('heading', { name: ui.shared })).toBeHidden();
			await page.goto(`${ui.progress}#progress=9.abc`);
			await expect(page.getByRole('alert')).toContainText(ui.bad);
			expect(errors).toEqual([]);
		});

		test('JSON export, a bad import, a good import and reset (with confirmation)', async ({ page }, testInfo) => {
			await takeQuiz(page, ui.chapter, ui.check);
			await page.goto(ui.progress);
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: ui.export }).click();
			const exported = testInfo.outputPath('progress.json');
			await (await download).saveAs(exported);
			const json = readFileSync(exported, 'utf8');
			expect(JSON.parse(json)).toMatchObject({ version: 1 });

			await page.getByLabel(ui.import).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"questions":') });
			await expect(page.locator('[data-status]')).toContainText(ui.badFile);

			page.once('dialog', (dialog) => void dialog.accept());
			await page.getByRole('button', { name: ui.reset }).click();
			await expect(page.locator('tr[data-group="layers"] [data-cell="status"]')).not.toHaveText(ui.done);
			expect(JSON.parse((await storedText(page)) ?? '{}').questions).toEqual({});

			page.once('dialog', (dialog) => void dialog.accept());
			await page.getByLabel(ui.import).setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(json) });
			await expect(page.locator('[data-status]')).toContainText(ui.imported);
			await expect(page.locator('tr[data-group="layers"] [data-cell="status"]')).toHaveText(ui.done);
		});
	});
}

test('reset asks first: dismissing the confirmation keeps everything', async ({ page }) => {
	await takeQuiz(page, 'en/layers/', 'Check answers');
	await page.goto('en/progress/');
	const before = await storedText(page);
	page.once('dialog', (dialog) => void dialog.dismiss());
	await page.getByRole('button', { name: 'Erase all progress' }).click();
	expect(await storedText(page)).toBe(before);
});
