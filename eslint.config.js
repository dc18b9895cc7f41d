// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import globals from 'globals';

/** Text from users, URLs and storage must reach the DOM as text only. */
/** @type {import("eslint").Linter.RulesRecord} */
const noHtmlSinks = {
	'no-restricted-properties': [
		'error',
		{ property: 'innerHTML', message: 'Use textContent or DOM nodes: user/URL/stored data must never be parsed as HTML.' },
		{ property: 'outerHTML', message: 'Use DOM nodes instead of outerHTML.' },
		{ property: 'insertAdjacentHTML', message: 'Use DOM nodes instead of insertAdjacentHTML.' },
	],
	'no-restricted-syntax': [
		'error',
		{ selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'document.write is forbidden.' },
	],
};

export default tseslint.config(
	{ ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', 'scripts/**/fixtures/**', 'tests/fixtures/**/dist/**', 'tests/fixtures/**/.astro/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	...astro.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			...noHtmlSinks,
			'astro/no-set-html-directive': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		// The rules engine is pure: no DOM, no Node, no clocks, no randomness.
		files: ['src/rules/**/*.ts'],
		languageOptions: { globals: {} },
		rules: {
			'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'process', 'setTimeout', 'setInterval', 'performance'],
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use the seeded generator passed to the engine.' },
				{ object: 'Date', property: 'now', message: 'The engine has no clock.' },
			],
			'no-restricted-imports': ['error', { patterns: ['astro', 'astro:*', 'nanostores', '@nanostores/*', 'node:*', '../stores/*', '../components/*'] }],
		},
	},
);
