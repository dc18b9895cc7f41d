/**
 * Mountpoint's rules engine with every extension registered: the API of `core.ts`, plus
 * `createEngine`, whose engines run every command at once. Node, tests and build-time pages use
 * this entry point; the browser uses `core.ts` and loads extensions when a command needs them.
 */
import { createCoreEngine, registerExtension, type Engine, type EngineOptions } from './core.ts';
import { EXTENSION as IMAGES_EXTENSION } from './docker/image-commands.ts';
import { EXTENSION as BUILD_EXTENSION } from './docker/build.ts';
import { EXTENSION as INSPECT_EXTENSION } from './docker/inspect-commands.ts';
import { EXTENSION as PRUNE_EXTENSION } from './docker/prune.ts';
import { EXTENSION as FILES_EXTENSION } from './shell/file-tools.ts';
import { EXTENSION as TAR_EXTENSION } from './shell/tar.ts';
import { EXTENSION as NGINX_EXTENSION } from './shell/images/nginx.ts';
import { EXTENSION as POSTGRES_EXTENSION } from './shell/images/postgres.ts';
import { EXTENSION as MYSQL_EXTENSION } from './shell/images/mysql.ts';
import { EXTENSION as NODE_EXTENSION } from './shell/images/node.ts';
import { EXTENSION as MOUNTS_EXTENSION } from './docker/mount-syntax.ts';
import { EXTENSION as TEMPLATES_EXTENSION } from './cli/template.ts';

export * from './core.ts';

for (const extension of [IMAGES_EXTENSION, BUILD_EXTENSION, INSPECT_EXTENSION, PRUNE_EXTENSION, FILES_EXTENSION, TAR_EXTENSION, NGINX_EXTENSION, POSTGRES_EXTENSION, MYSQL_EXTENSION, NODE_EXTENSION, TEMPLATES_EXTENSION, MOUNTS_EXTENSION]) registerExtension(extension);

/** An engine that runs every command the simulator models (all extensions are registered). */
export function createEngine(options: EngineOptions = {}): Engine {
	return createCoreEngine(options);
}
