/**
 * The engine's browser bundle gate (scripts/engine-size.ts, checked by scripts/budgets.ts): what it
 * measures is what the browser imports, and a size over issue 3's target fails the budgets.
 */
import { describe, expect, it } from 'vitest';
import { engineLines } from '../../scripts/budgets.ts';
import { browserImports, ENGINE_TARGET_GZIP_BYTES } from '../../scripts/engine-size.ts';

describe('engine size', () => {
	it('measures the values the browser code imports from core.ts, not type-only imports', () => {
		const names = browserImports();
		expect(names).toEqual(expect.arrayContaining(['createCoreEngine', 'withExtensions', 'loadExtensions']));
		expect(names).not.toContain('createEngine');
		expect(names).not.toContain('ExtensionName');
	});

	it('passes at the target and fails one byte over it, naming the bundler', () => {
		const at = { label: 'x', how: 'rolldown, gzip -6', minified: 1, gzip: ENGINE_TARGET_GZIP_BYTES };
		expect(engineLines([at]).problems).toEqual([]);
		const over = engineLines([{ ...at, gzip: ENGINE_TARGET_GZIP_BYTES + 1 }]);
		expect(over.problems).toHaveLength(1);
		expect(over.problems[0]).toContain('rolldown, gzip -6');
	});
});
