/**
 * The Volume Lab in both languages: running commands and watching the tables, guided levels (one
 * solved with a command sequence other than the reference), history and completion, share links,
 * long pastes, keyboard-only use, axe, reduced motion, and lazy chapter embeds.
 */
import { expect as baseExpect, test, type Page } from '@playwright/test';
import { collectErrors, delayScripts, expectNoAxeViolations } from './helpers.ts';

// The lab loads the engine and replays scripts: on a busy CI machine that takes a few seconds.
const expect = baseExpect.configure({ timeout: 20_000 });
test.describe.configure({ timeout: 240_000 });

const LANGS = [
	{ lang: 'ko', path: 'lab/', prompt: '명령', volumes: '볼륨', containers: '컨테이너', share: '공유 링크 만들기', shareField: '공유 링크', undo: '되돌리기', chapter: 'bind/', transcript: '트랜스크립트로 복사', transcriptField: '트랜스크립트' },
	{ lang: 'en', path: 'en/lab/', prompt: 'Command', volumes: 'Volumes', containers: 'Containers', share: 'Make a share link', shareField: 'Share link', undo: 'Undo', chapter: 'en/bind/', transcript: 'Copy as transcript', transcriptField: 'Transcript' },
] as const;

type Lang = (typeof LANGS)[number];

async function openLab(page: Page, l: Lang, hash = ''): Promise<void> {
	await page.goto(`${l.path}${hash}`);
	await expect(page.locator('mp-lab[data-ready]')).toHaveCount(1);
}

async function run(page: Page, l: Lang, command: string): Promise<void> {
	const input = page.getByRole('textbox', { name: l.prompt, exact: true });
	await input.fill(command);
	await input.press('Enter');
}

const output = (page: Page) => page.locator('.mp-lab__output');
const table = (page: Page, name: string) => page.getByRole('table', { name, exact: true });

for (const l of LANGS) {
	test.describe(`lab (${l.lang})`, () => {
		test('a typed scenario shows docker output and changes the tables', async ({ page }) => {
			const errors = collectErrors(page);
			await openLab(page, l);
			await expect(table(page, l.volumes)).not.toContainText('data');
			await run(page, l, 'docker volume create data');
			await expect(output(page)).toContainText('$ docker volume create data');
			await expect(table(page, l.volumes).getByRole('row', { name: /data/ })).toBeVisible();
			await run(page, l, 'docker run -d --name web -v data:/usr/share/nginx/html:ro nginx');
			await expect(output(page)).toContainText(/[0-9a-f]{64}/);
			await expect(table(page, l.containers).getByRole('row', { name: /web/ })).toContainText('/usr/share/nginx/html');
			await run(page, l, 'docker volume rm data');
			await expect(output(page).locator('.mp-lab__stderr').last()).toContainText('volume is in use');
			await expect(output(page).locator('.mp-lab__exit').last()).toHaveText('[exit 1]');
			// inspect and Go templates are fetched on demand: the line waits for them, then prints as usual.
			await run(page, l, "docker volume inspect -f '{{.Mountpoint}}' data");
			await expect(output(page)).toContainText('/var/lib/docker/volumes/data/_data');
			// The diagram draws the read-only mount dashed and labelled.
			await expect(page.locator('.mp-dia__edge.is-ro')).toHaveCount(1);
			await expect(page.locator('.mp-lab__svg text', { hasText: /^ro$/ })).toHaveCount(1);
			// Edges end in the arrowhead that the markup defines.
			const arrow = await page.locator('.mp-lab__svg marker').getAttribute('id');
			expect(arrow).toMatch(/-dia-arrow$/);
			await expect(page.locator('.mp-dia__edge').first()).toHaveAttribute('marker-end', `url(#${arrow})`);
			// Its name (the <title> in the markup) follows the state.
			await expect(page.locator('.mp-lab__svg')).toHaveAccessibleName(l.lang === 'en' ? /: 1 containers, 1 volumes, 0 bind sources\./ : /: 컨테이너 1개, 볼륨 1개, 바인드 원본 0개\./);
			// Output is text: markup typed at the prompt is shown, never parsed.
			await run(page, l, 'echo "<img src=x onerror=alert(1)>"');
			await expect(output(page)).toContainText('<img src=x onerror=alert(1)>');
			await expect(output(page).locator('img')).toHaveCount(0);
			// Selecting a container shows where each file comes from.
			await table(page, l.containers).getByRole('button', { name: new RegExp(`web`) }).click();
			await expect(page.locator('.mp-lab__files table')).toContainText('/usr/share/nginx/html/index.html');
			// Copy as transcript: transcript format v1 with the simulator header.
			await page.getByRole('button', { name: l.transcript, exact: true }).click();
			const transcript = await page.getByRole('textbox', { name: l.transcriptField, exact: true }).inputValue();
			expect(transcript).toMatch(/^# title: .+\n# recorded: Mountpoint simulator \(createEngine seed 1, dockerVersion 29\)\n\$ docker volume create data\ndata\n/);
			expect(transcript).toContain('! Error response from daemon: remove data: volume is in use');
			expect(transcript).toContain('[exit 1]');
			expect(errors).toEqual([]);
		});

		test('two levels solved, one with a command sequence other than the reference', async ({ page }) => {
			await openLab(page, l);
			await page.locator('button[data-level="anon-keep-data"]').click();
			await expect(page.locator('.mp-lab__goal')).toContainText(l.lang === 'ko' ? '아직' : 'Not there yet');
			await run(page, l, 'docker rm -f app');
			await expect(page.locator('.mp-lab__goal-ok')).toBeVisible();
			await expect(page.locator('button[data-level="anon-keep-data"] .mp-lab__badge')).toContainText('1');

			// bind-read-only's reference is `-v …:ro`; --mount with readonly reaches the same state.
			await page.locator('button[data-level="bind-read-only"]').click();
			await run(page, l, 'docker stop web');
			await run(page, l, 'docker rm web');
			await expect(page.locator('.mp-lab__goal-ok')).toHaveCount(0);
			await run(page, l, 'docker run -d --name web --mount type=bind,source=/tmp/lab/site,target=/usr/share/nginx/html,readonly nginx');
			await expect(page.locator('.mp-lab__goal-ok')).toContainText('3');
			await expect(page.locator('button[data-level="bind-read-only"] .mp-lab__badge')).not.toHaveClass(/is-best/);
			const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('mp:v1:progress') ?? '{}') as { levels?: Record<string, { best: number }> });
			expect(stored.levels).toEqual({ 'anon-keep-data': { best: 1 }, 'bind-read-only': { best: 3 } });
			// Progress survives a reload.
			await page.reload();
			await expect(page.locator('button[data-level="anon-keep-data"] .mp-lab__badge')).toHaveClass(/is-best/);
		});

		test('history with arrow keys and Tab completion', async ({ page }) => {
			await openLab(page, l);
			await run(page, l, 'docker volume create alpha');
			await run(page, l, 'docker volume create alpine-data');
			const input = page.getByRole('textbox', { name: l.prompt, exact: true });
			await input.fill('draft');
			await input.press('ArrowUp');
			await expect(input).toHaveValue('docker volume create alpine-data');
			await input.press('ArrowUp');
			await expect(input).toHaveValue('docker volume create alpha');
			await input.press('ArrowDown');
			await input.press('ArrowDown');
			await expect(input).toHaveValue('draft');
			await input.fill('docker vol');
			await input.press('Tab');
			await expect(input).toHaveValue('docker volume ');
			await expect(input).toBeFocused();
			await input.fill('docker volume rm al');
			await input.press('Tab');
			await expect(input).toHaveValue('docker volume rm alp');
			await input.press('Tab');
			await expect(output(page).locator('.mp-lab__candidates').last()).toHaveText('alpha  alpine-data');
			await input.pressSequentially('ha');
			await input.press('Tab');
			await expect(input).toHaveValue('docker volume rm alpha ');
			await input.press('Enter');
			await expect(table(page, l.volumes)).not.toContainText('alpha ');
			// Ctrl+L clears the screen, not the state; undo brings the volume back.
			await input.press('Control+l');
			await expect(output(page).locator('.mp-lab__entry')).toHaveCount(0);
			await page.getByRole('button', { name: l.undo, exact: true }).click();
			await expect(table(page, l.volumes).getByRole('row', { name: /alpha/ })).toBeVisible();
		});

		test('a share link replays the session; a tampered one starts empty with a message', async ({ page, context }) => {
			await openLab(page, l);
			// Parts of the engine arrive late: a link made while a line still waits for one includes it.
			await delayScripts(page, 1_000);
			await run(page, l, 'mkdir -p /tmp/lab/site');
			await run(page, l, 'docker run -d --name web -v /tmp/lab/site:/usr/share/nginx/html:ro nginx');
			await run(page, l, "docker inspect -f '{{.Name}}' web");
			await page.getByRole('button', { name: l.share, exact: true }).click();
			await expect(page.locator('.mp-lab__message')).toContainText('3');
			await page.unrouteAll();
			const link = await page.getByRole('textbox', { name: l.shareField, exact: true }).inputValue();
			expect(link).toMatch(/#lab=1\.[A-Za-z0-9_-]+$/);
			const containersBefore = await table(page, l.containers).innerText();

			const other = await context.newPage();
			await other.goto(link);
			await expect(other.locator('mp-lab[data-ready]')).toHaveCount(1);
			await expect(table(other, l.containers)).toHaveText(containersBefore, { useInnerText: true });
			await expect(other.locator('.mp-lab__message')).toContainText('3');

			const value = link.split('#lab=')[1] ?? '';
			const tampered = `${value.slice(0, 12)}${value[12] === 'A' ? 'B' : 'A'}${value.slice(13)}`;
			await other.goto(`${l.path}#lab=${tampered}`);
			await other.reload();
			await expect(other.locator('mp-lab[data-ready]')).toHaveCount(1);
			await expect(other.locator('.mp-lab__message')).not.toBeEmpty();
			await expect(other.locator('.mp-lab__output .mp-lab__entry')).toHaveCount(0);
			await expect(table(other, l.containers).getByRole('row')).toHaveCount(2);
			await other.goto(`${l.path}#lab=9.garbage`);
			await other.reload();
			await expect(other.locator('.mp-lab__message')).not.toBeEmpty();
		});

		test('a pasted 1,000-line script runs line by line to the right state', async ({ page }) => {
			await openLab(page, l);
			const lines = ['docker volume create keep'];
			for (let i = 0; i < 998; i++) lines.push(i % 2 === 0 ? `docker volume create tmp${i}` : `docker volume rm tmp${i - 1}`);
			lines.push(`echo ${'y'.repeat(50_000)}`);
			await page.getByRole('textbox', { name: l.prompt, exact: true }).focus();
			await page.evaluate((text) => {
				const data = new DataTransfer();
				data.setData('text/plain', text);
				document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
			}, `${lines.join('\n')}\n`);
			await expect(table(page, l.volumes).locator('tbody tr')).toHaveCount(1);
			await expect(table(page, l.volumes)).toContainText('keep');
			// Only the latest entries are on screen; the very long line is cut with an indicator.
			await expect(output(page).locator('.mp-lab__note').first()).toBeVisible();
			await expect(output(page).locator('.mp-lab__clipped').last()).toBeVisible();
			await page.getByRole('button', { name: l.share, exact: true }).click();
			await expect(page.locator('.mp-lab__message')).toContainText('1000');
		});

		test('keyboard only: pick a level, type, complete, leave the prompt, open a file view', async ({ page }) => {
			await openLab(page, l);
			const levelButton = page.locator('button[data-level="named-share"]');
			await levelButton.focus();
			await page.keyboard.press('Enter');
			const input = page.getByRole('textbox', { name: l.prompt, exact: true });
			await expect(input).toBeFocused();
			await page.keyboard.type('docker run -d --name reader -v sha');
			await page.keyboard.press('Tab');
			await expect(input).toHaveValue('docker run -d --name reader -v shared:');
			await page.keyboard.type('/data busybox sleep 3600');
			await page.keyboard.press('Enter');
			await expect(page.locator('.mp-lab__goal-ok')).toBeVisible();
			// Esc, then Tab leaves the prompt.
			await page.keyboard.press('Escape');
			await page.keyboard.press('Tab');
			await expect(input).not.toBeFocused();
			const filesButton = table(page, l.containers).getByRole('button', { name: /reader/ });
			for (let i = 0; i < 30 && !(await filesButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
			await expect(filesButton).toBeFocused();
			await page.keyboard.press('Enter');
			await expect(page.locator('.mp-lab__files table')).toContainText('/data/msg.txt');
		});

		test('no axe violations with state, files and the solved message', async ({ page }) => {
			await openLab(page, l);
			await page.locator('button[data-level="bind-develop"]').click();
			await run(page, l, 'docker run -d --name dev -v /tmp/lab/site:/usr/share/nginx/html:ro nginx');
			await run(page, l, 'docker volume rm nope');
			await table(page, l.containers).getByRole('button', { name: /dev/ }).click();
			await page.getByRole('button', { name: l.share, exact: true }).click();
			await expectNoAxeViolations(page);
		});

		test('reduced motion: the diagram changes without animation', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'reduce' });
			await openLab(page, l);
			await run(page, l, 'docker volume create data');
			await expect(table(page, l.volumes)).toContainText('data');
			expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
			await expect(page.locator('.mp-lab .mp-enter, .mp-lab .mp-exit')).toHaveCount(0);
		});

		test('without reduced motion, what appears is animated', async ({ page }) => {
			await page.emulateMedia({ reducedMotion: 'no-preference' });
			await openLab(page, l);
			await run(page, l, 'docker volume create data');
			await expect(page.locator('.mp-lab__svg .mp-enter')).toHaveCount(1);
		});
	});
}

test('a chapter embed loads the lab only when it scrolls into view', async ({ page }) => {
	const chapter = LANGS[0].chapter;
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	await page.goto(chapter);
	const embed = page.locator('mp-lab').first();
	await expect(embed).toHaveAttribute('data-mode', 'embed');
	await expect(embed.locator('.mp-lab__static')).toContainText('$ ');
	await page.waitForLoadState('networkidle');
	expect(requests.filter((url) => /lab-app/.test(url))).toEqual([]);
	await expect(embed).not.toHaveAttribute('data-ready');
	await embed.scrollIntoViewIfNeeded();
	await expect(embed).toHaveAttribute('data-ready', 'true');
	expect(requests.filter((url) => /lab-app/.test(url)).length).toBeGreaterThan(0);
	await expect(embed.getByRole('textbox', { name: LANGS[0].prompt, exact: true })).toBeVisible();
	// The embed plays its level: solving it there counts like on the lab page.
	await embed.getByRole('textbox', { name: LANGS[0].prompt, exact: true }).fill('docker run -d --name dev -v /tmp/lab/site:/usr/share/nginx/html nginx');
	await embed.getByRole('textbox', { name: LANGS[0].prompt, exact: true }).press('Enter');
	await expect(embed.locator('.mp-lab__goal')).not.toBeEmpty();
});
