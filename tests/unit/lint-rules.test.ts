/**
 * The lint rule that keeps user-typed, URL and stored text out of HTML parsers really fires:
 * ESLint's Node API lints small snippets with the project's own eslint.config.js.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('HTML sinks are forbidden', () => {
	for (const [name, code, rule] of [
		['innerHTML', 'export function show(el: HTMLElement, text: string) { el.innerHTML = text; }', 'no-restricted-properties'],
		['outerHTML', 'export function show(el: HTMLElement, text: string) { el.outerHTML = text; }', 'no-restricted-properties'],
		['insertAdjacentHTML', "export function show(el: HTMLElement, text: string) { el.insertAdjacentHTML('beforeend', text); }", 'no-restricted-properties'],
		['document.write', 'export function show(text: string) { document.write(text); }', 'no-restricted-syntax'],
	] as const) {
		it(`${name} in a TypeScript module`, async () => {
			expect(await ruleIdsFor(code, 'src/components/example.ts')).toContain(rule);
		});
	}

	it('innerHTML in an .astro component script', async () => {
		const code = '---\n---\n<div id="out"></div>\n<script>\n\tconst out = document.getElementById("out");\n\tif (out) out.innerHTML = location.hash;\n</script>\n';
		expect(await ruleIdsFor(code, 'src/components/Example.astro')).toContain('no-restricted-properties');
	});

	it('set:html in an .astro template', async () => {
		const code = '---\nconst { text } = Astro.props;\n---\n<div set:html={text} />\n';
		expect(await ruleIdsFor(code, 'src/components/Example.astro')).toContain('astro/no-set-html-directive');
	});

	it('textContent is fine', async () => {
		const code = 'export function show(el: HTMLElement, text: string) { el.textContent = text; }';
		expect(await ruleIdsFor(code, 'src/components/example.ts')).toEqual([]);
	});
});
