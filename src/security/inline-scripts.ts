/**
 * Inline scripts that the site writes itself and minifies at build time (Astro copies `is:inline`
 * scripts verbatim): their readable source lives in a `.js` file, the page gets the minified text
 * (`minifyInlineScript`), and `astro.config.mjs` allows it in the CSP by the hash of that same text
 * (`scriptHash`, src/security/csp.ts). esbuild's output is deterministic, so both agree.
 */
import { transformSync } from 'esbuild';

export function minifyInlineScript(source: string): string {
	return transformSync(source, { loader: 'js', minify: true, target: 'es2020', legalComments: 'none' }).code.trim();
}
