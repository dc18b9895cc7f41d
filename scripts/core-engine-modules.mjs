// @ts-check
/**
 * How the site's bundler groups the rules engine into chunks, shared by astro.config.mjs (the site)
 * and scripts/engine-size.ts (which measures the engine as the site ships it).
 *
 * The core engine (what every lab session and graded answer needs) is one chunk: split along module
 * lines it would be several chunks that compress worse. The extensions (src/rules/extensions.ts)
 * stay chunks of their own, and so do the modules only extensions import (`go-json.ts`, `memo.ts`,
 * `services.ts`, `images.ts`): in the group, the core's chunk would carry them; `random.ts` too,
 * because quiz pages load it without the engine.
 * @param {string} id
 */
export function isCoreEngineModule(id) {
	const file = id.split('?')[0] ?? '';
	if (/[\\/]src[\\/]quiz[\\/](goals|snapshot)\.ts$/.test(file)) return true;
	if (!/[\\/]src[\\/]rules[\\/]/.test(file)) return false;
	return !/[\\/](index|facts|model[\\/]random|docker[\\/](image-commands|inspect-commands|prune|build|images|mount-syntax)|shell[\\/](file-tools|tar|services|images[\\/]\w+)|cli[\\/](template|go-json)|memo)\.ts$/.test(file);
}

/** rolldown `output.codeSplitting.groups` for the engine: `random` apart (higher priority wins), then the core. */
export const ENGINE_CHUNK_GROUPS = [
	{ name: 'random', test: /[\\/]src[\\/]rules[\\/]model[\\/]random\.ts$/, priority: 2 },
	{ name: 'engine', test: isCoreEngineModule, priority: 1 },
];
