/**
 * Quiz journeys on a chapter page, in both languages: right and wrong answers, retry of only the
 * wrong ones, reveal, saved progress (reload, a second tab), corrupt storage, keyboard only, no
 * JavaScript, a written command graded by the lazily loaded engine, and axe on every state. (The
 * page's JS budget is checked from the built files by `npm run budgets`.)
 */
import { expect as baseExpect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { AXE_TAGS, breakStorage, collectErrors, describeViolations } from './helpers.ts';

/** Grading a written command loads the engine first (a ~34 KB chunk): allow for a slow machine. */
const expect = baseExpect.configure({ timeout: 15_000 });

const PAGES = [
	{ lang: 'ko', path: 'layers/', check: '채점하기', retry: '틀린 문제만 다시 풀기', reveal: '정답 보기', corrupt: '저장된 진행 상황을 읽을 수 없어서', noStorage: '이 페이지를 보는 동안만' },
	{ lang: 'en', path: 'en/layers/', check: 'Check answers', retry: 'Retry the wrong ones', reveal: 'Show answers', corrupt: 'Your saved progress could not be read', noStorage: 'kept only while this page is open' },
] as const;

const quizOf = (page: Page) => page.locator('mp-quiz').first();

/** axe on the quiz as it is now (whole pages are covered by a11y.spec.ts). */
async function expectAccessibleQuiz(page: Page): Promise<void> {
	const { violations } = await new AxeBuilder({ page }).include('mp-quiz').withTags(AXE_TAGS).analyze();
	expect(describeViolations(violations), `axe violations in the quiz on ${page.url()}`).toEqual([]);
}
const questionsOf = (page: Page) => quizOf(page).locator('.mp-q');

/** The reference answer of a write-the-command question, as shown in its answer `<details>`. */
async function solutionOf(question: Locator): Promise<string> {
	return (await question.locator('details pre').first().innerText()).trim();
}

/** Answers one question right or wrong with the mouse (choices) or by typing (commands). */
async function answer(question: Locator, right: boolean): Promise<void> {
	if ((await question.getAttribute('data-select')) === 'command') {
		await question.locator('textarea').fill(right ? await solutionOf(question) : 'docker ps');
		return;
	}
	const correct = ((await question.getAttribute('data-correct')) ?? '').split(' ');
	const values = await question.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
	const wrongOne = values.find((value) => !correct.includes(value));
	const picks = right ? correct : [wrongOne ?? correct[0]];
	for (const value of picks) await question.locator(`input[value="${value}"]`).check();
}

async function answerAll(page: Page, wrongIndexes: number[] = []): Promise<number> {
	const questions = questionsOf(page);
	const count = await questions.count();
	for (let i = 0; i < count; i++) await answer(questions.nth(i), !wrongIndexes.includes(i));
	return count;
}

const stored = (page: Page) =>
	page.evaluate(() => JSON.parse(localStorage.getItem('mp:v1:progress') ?? '{"questions":{}}') as { questions: Record<string, { correct: boolean; attempts: number; revealed: boolean }> });

for (const ui of PAGES) {
	test.describe(`quiz (${ui.lang})`, () => {
		test('right and wrong answers, retry only the wrong one, then all right', async ({ page }) => {
			const errors = collectErrors(page);
			await page.goto(ui.path);
			const count = await answerAll(page, [0]);
			await page.getByRole('button', { name: ui.check }).click();
			const status = quizOf(page).getByRole('status').last();
			await expect(status).toContainText(`${count - 1}`);
			await expect(quizOf(page).locator('[data-summary]')).toBeFocused();
			const questions = questionsOf(page);
			await expect(questions.nth(0)).toHaveAttribute('data-state', 'wrong');
			await expect(questions.nth(1)).toHaveAttribute('data-state', 'right');
			await expect(questions.nth(0).locator('[data-feedback]')).not.toBeEmpty();
			await expect(quizOf(page).locator('[data-review-list] li')).toHaveCount(1);

			await page.getByRole('button', { name: ui.retry }).click();
			await expect(questions.nth(0).locator('input, textarea').first()).toBeEnabled();
			await expect(questions.nth(0).locator('input, textarea').first()).toBeFocused();
			for (let i = 1; i < count; i++) await expect(questions.nth(i).locator('input, textarea').first()).toBeDisabled();
			await answer(questions.nth(0), true);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(status).toContainText(`${count}`);
			await expect(questions.nth(0)).toHaveAttribute('data-state', 'right');
			await expect(page.getByRole('button', { name: ui.retry })).toBeHidden();
			const key = await questions.nth(0).getAttribute('data-key');
			expect((await stored(page)).questions[key ?? '']).toMatchObject({ correct: true, attempts: 2, revealed: false });
			expect(errors).toEqual([]);
		});

		test('show answers reveals every answer and ends retries', async ({ page }) => {
			await page.goto(ui.path);
			await answerAll(page, [0, 1]);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(page.getByRole('button', { name: ui.retry })).toBeVisible();
			await page.getByRole('button', { name: ui.reveal }).click();
			const questions = questionsOf(page);
			await expect(questions.nth(0)).toHaveAttribute('data-state', 'revealed');
			await expect(questions.nth(0).locator('details')).toHaveAttribute('open', '');
			await expect(page.getByRole('button', { name: ui.retry })).toBeHidden();
			await expect(page.getByRole('button', { name: ui.reveal })).toBeHidden();
			const correct = ((await questions.nth(1).getAttribute('data-correct')) ?? '').split(' ');
			for (const value of correct) await expect(questions.nth(1).locator(`input[value="${value}"]`)).toBeChecked();
			await page.reload();
			await expect(questions.nth(0)).toHaveAttribute('data-state', 'revealed');
			await expect(page.getByRole('button', { name: ui.retry })).toBeHidden();
		});

		test('progress survives a reload and shows up in a second tab', async ({ page, context }) => {
			await page.goto(ui.path);
			const other = await context.newPage();
			await other.goto(ui.path);
			await answerAll(page, [2]);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'right');
			// The other tab hears the storage event: no reload.
			await expect(questionsOf(other).nth(0)).toHaveAttribute('data-state', 'right');
			await expect(questionsOf(other).nth(2)).toHaveAttribute('data-state', 'wrong');
			await page.reload();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'right');
			await expect(questionsOf(page).nth(2)).toHaveAttribute('data-state', 'wrong');
			await expect(questionsOf(page).nth(0).locator('input, textarea').first()).toBeDisabled();
		});

		test('corrupt saved progress: a one-time message and a working quiz', async ({ page }) => {
			await page.addInitScript(() => {
				if (!sessionStorage.getItem('seeded')) {
					localStorage.setItem('mp:v1:progress', '{"version":1,"questions":');
					sessionStorage.setItem('seeded', '1');
				}
			});
			const errors = collectErrors(page);
			await page.goto(ui.path);
			await expect(quizOf(page).locator('[data-notice]')).toContainText(ui.corrupt);
			await answerAll(page);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'right');
			await page.reload();
			await expect(quizOf(page).locator('[data-notice]')).toBeHidden();
			expect(errors).toEqual([]);
		});

		test('storage unavailable: the quiz works for the session and says progress is not saved', async ({ page }) => {
			await breakStorage(page, 'throw');
			const errors = collectErrors(page);
			await page.goto(ui.path);
			await expect(quizOf(page).locator('[data-notice]')).toContainText(ui.noStorage);
			await answerAll(page);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'right');
			expect(errors).toEqual([]);
		});

		test('axe finds nothing unanswered, wrong or right', async ({ page }) => {
			test.slow();
			await page.goto(ui.path);
			await expectAccessibleQuiz(page);
			await answerAll(page, [0]);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'wrong');
			await expectAccessibleQuiz(page);
			await page.getByRole('button', { name: ui.retry }).click();
			await answer(questionsOf(page).nth(0), true);
			await page.getByRole('button', { name: ui.check }).click();
			await expect(questionsOf(page).nth(0)).toHaveAttribute('data-state', 'right');
			await expectAccessibleQuiz(page);
		});
	});
}

test('keyboard only: answer every question and check, without the mouse', async ({ page }) => {
	test.slow();
	await page.goto('en/layers/');
	const questions = questionsOf(page);
	const count = await questions.count();
	await page.locator('main h1').first().focus();
	/** Presses Tab until focus is on an element matching `selector` (skipping copy buttons and links). */
	const tabTo = async (selector: string) => {
		for (let guard = 0; guard < 400; guard++) {
			await page.keyboard.press('Tab');
			if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
		}
		throw new Error(`Tab never reached ${selector}`);
	};
	for (let i = 0; i < count; i++) {
		const question = questions.nth(i);
		const key = await question.getAttribute('data-key');
		await tabTo(`[data-key="${key}"] input, [data-key="${key}"] textarea`);
		const select = await question.getAttribute('data-select');
		if (select === 'command') {
			await page.keyboard.type(await solutionOf(question));
			continue;
		}
		const correct = ((await question.getAttribute('data-correct')) ?? '').split(' ');
		const values = await question.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		if (select === 'single') {
			// Tab lands on the first radio; Space picks it and the arrows move the choice.
			await page.keyboard.press('Space');
			for (let step = 0; step < values.indexOf(correct[0] ?? ''); step++) await page.keyboard.press('ArrowDown');
			await expect(question.locator(`input[value="${correct[0]}"]`)).toBeChecked();
		} else {
			for (const [index, value] of values.entries()) {
				if (index > 0) await page.keyboard.press('Tab');
				await expect(question.locator(`input[value="${value}"]`)).toBeFocused();
				if (correct.includes(value)) await page.keyboard.press('Space');
			}
		}
	}
	await tabTo('[data-action="check"]');
	await page.keyboard.press('Enter');
	await expect(quizOf(page).locator('[data-summary]')).toBeFocused();
	await expect(quizOf(page).getByRole('status').last()).toContainText(`${count} of ${count} right`);
});

test('a written command is graded by the engine, loaded only when needed', async ({ page }) => {
	const loaded: string[] = [];
	page.on('request', (request) => loaded.push(request.url()));
	await page.goto('en/named/');
	const question = questionsOf(page).filter({ has: page.locator('textarea') }).last();
	await question.locator('textarea').fill('docker run -d --name web -v site:/usr/share/nginx/html nginx');
	expect(loaded.filter((url) => /command-grader/.test(url))).toEqual([]);
	// Answer the rest right so that only this one is graded wrong.
	const questions = questionsOf(page);
	for (let i = 0; i < (await questions.count()); i++) {
		const other = questions.nth(i);
		if ((await other.getAttribute('data-key')) !== (await question.getAttribute('data-key'))) await answer(other, true);
	}
	await page.getByRole('button', { name: 'Check answers' }).click();
	await expect(question).toHaveAttribute('data-state', 'wrong');
	await expect(question.locator('[data-feedback]')).toContainText('but writable; it should be read-only');
	expect(loaded.filter((url) => /command-grader/.test(url)).length).toBe(1);
	await page.getByRole('button', { name: 'Retry the wrong ones' }).click();
	await question.locator('textarea').fill('docker run --mount type=volume,src=site,dst=/usr/share/nginx/html,readonly -d --name web nginx');
	await page.getByRole('button', { name: 'Check answers' }).click();
	await expect(question).toHaveAttribute('data-state', 'right');
});

test('the exam shuffles its questions per learner and numbers them, without taking the code styles away', async ({ page }) => {
	// Expressive Code links its stylesheet from the first code block, inside a question: a link that
	// leaves the document takes its styles away until fetched again (a frame of unstyled code). Every
	// stylesheet link that leaves must leave a loaded one with the same address behind.
	await page.addInitScript(() => {
		const unstyled: string[] = [];
		Object.defineProperty(window, '__mpUnstyled', { value: unstyled });
		new MutationObserver((records) => {
			for (const record of records)
				for (const node of record.removedNodes) {
					if (!(node instanceof Element)) continue;
					const links = node.matches('link[rel="stylesheet"]') ? [node] : [...node.querySelectorAll('link[rel="stylesheet"]')];
					for (const link of links) {
						const href = link.getAttribute('href') ?? '';
						const kept = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some((other) => other !== link && other.getAttribute('href') === href && other.sheet !== null);
						if (!kept) unstyled.push(href);
					}
				}
		}).observe(document, { childList: true, subtree: true });
	});
	const built = [...(await (await page.request.get('en/exam/')).text()).matchAll(/data-key="(exam\/[^"]+)"/g)].map((match) => match[1]);
	await page.goto('en/exam/');
	await expect(page.locator('mp-quiz[data-ordered]')).toHaveCount(1);
	const questions = page.locator('mp-quiz .mp-q');
	const shown = await questions.evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
	expect([...shown].sort()).toEqual([...built].sort());
	expect(shown).not.toEqual(built);
	const numbers = await questions.locator('[data-num]').allInnerTexts();
	expect(numbers.map((text) => Number(/\d+/.exec(text)?.[0]))).toEqual(shown.map((_, index) => index + 1));
	expect(await page.evaluate(() => (window as unknown as { __mpUnstyled: string[] }).__mpUnstyled)).toEqual([]);
	await expect(page.locator('mp-quiz link[rel="stylesheet"]')).toHaveCount(0);
	await expect(page.locator('.expressive-code .copy').first()).toHaveCSS('position', 'absolute');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	for (const ui of PAGES) {
		test(`every question shows with its answer and explanation in a <details> (${ui.lang})`, async ({ page }) => {
			await page.goto(ui.path);
			const questions = questionsOf(page);
			const count = await questions.count();
			expect(count).toBeGreaterThanOrEqual(6);
			for (let i = 0; i < count; i++) {
				const question = questions.nth(i);
				await expect(question.locator('legend')).toBeVisible();
				const details = question.locator('details');
				await expect(details.locator('summary')).toBeVisible();
				await details.locator('summary').click();
				await expect(details.locator('a').first()).toBeVisible();
			}
			await expect(quizOf(page)).toHaveAttribute('data-pagefind-ignore');
			await expect(page.getByRole('button', { name: ui.check })).toBeHidden();
		});
	}
});
