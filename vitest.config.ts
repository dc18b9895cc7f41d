import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/{unit,property,conformance}/**/*.test.ts', 'src/**/*.test.ts'],
		exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
		// Property tests run many cases; keep them deterministic (fast-check seeds are fixed per test).
		testTimeout: 60_000,
	},
});
