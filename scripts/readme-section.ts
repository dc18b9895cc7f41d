/**
 * Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` in README.md, so scripts
 * can keep measured numbers in the README current (budgets, audit).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function replaceReadmeSection(name: string, content: string, readme = 'README.md'): void {
	const text = readFileSync(readme, 'utf8');
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`${readme} has no ${start} … ${end} section`);
	writeFileSync(readme, `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`);
}
