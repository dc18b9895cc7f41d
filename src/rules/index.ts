/**
 * Mountpoint's rules engine with every extension registered: the API of `core.ts`, plus
 * `createEngine`, whose engines run every command at once. Node, tests and build-time pages use
 * this entry point; the browser uses `core.ts` and loads extensions when a command needs them.
 */
import { createCoreEngine, registerExtension, type Engine, type EngineOptions } from './core.ts';
import { IMAGES_EXTENSION } from './docker/image-commands.ts';
import { BUILD_EXTENSION } from './docker/build.ts';
import { INSPECT_EXTENSION } from './docker/inspect-commands.ts';
import { FILES_EXTENSION } from './shell/file-tools.ts';
import { TAR_EXTENSION } from './shell/tar.ts';
import { SERVICES_EXTENSION } from './shell/services.ts';
import { MOUNTS_EXTENSION } from './docker/mount-syntax.ts';
import { TEMPLATES_EXTENSION } from './cli/template.ts';

export * from './core.ts';

for (const extension of [IMAGES_EXTENSION, BUILD_EXTENSION, INSPECT_EXTENSION, FILES_EXTENSION, TAR_EXTENSION, SERVICES_EXTENSION, TEMPLATES_EXTENSION, MOUNTS_EXTENSION]) registerExtension(extension);

/** An engine that runs every command the simulator models (all extensions are registered). */
export function createEngine(options: EngineOptions = {}): Engine {
	return createCoreEngine(options);
}
