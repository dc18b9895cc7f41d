/**
 * Engine extensions: rarely used features that a browser loads only when a command needs them, so
 * that the lab's first load carries the core engine alone. Each feature has one implementation, in
 * the module named below; the full entry point (`index.ts`) registers every extension at import, the
 * browser entry point (`core.ts`) registers one when `loadExtensions` has fetched it.
 *
 * The core knows which extension owns each docker command and program. When a command line reaches
 * one that is not registered, the engine throws `MissingExtension` from the dispatch; `exec` catches
 * it, drops everything the line did (the draft is restored, as for a refused docker command) and
 * answers `needs: NAME`. Load it and run the same line again: the output is exactly what an engine
 * with every extension prints, because nothing else depends on what is registered.
 */
import type { Handler } from './docker/cli.ts';
import type { DirNode } from './model/fs.ts';
import type { Program } from './shell/shell.ts';
import type * as TemplateModule from './cli/template.ts';
import type * as MountModule from './docker/mount-syntax.ts';

export const EXTENSION_NAMES = ['images', 'build', 'inspect', 'prune', 'files', 'tar', 'nginx', 'postgres', 'mysql', 'node', 'templates', 'mounts'] as const;
/**
 * - `images`: `docker commit`, `images`, `rmi` (and their `container commit`/`image …` aliases);
 * - `build`: `docker build` (and `image build`/`builder build`);
 * - `inspect`: `docker inspect` and `volume inspect` (and the `container`/`image` aliases);
 * - `prune`: `docker volume prune`, `container prune` and `system prune`;
 * - `files`: the coreutils `cp`, `chmod`, `chown`, `stat` (host and busybox) and the shell's
 *   `test` / `[` builtins;
 * - `tar`: busybox `tar`;
 * - `nginx`, `postgres`, `mysql`, `node`: each teaching image's own files and programs (`nginx`,
 *   `postgres`, `mysqld`, `node`, and the `docker-entrypoint.sh` they all have): a container of that
 *   image needs it, from `docker create` on;
 * - `templates`: Go templates, for `--format` and `inspect -f` (the default tables and plain
 *   `{{.Field}}` columns are printed without it);
 * - `mounts`: the `--mount` syntax (its CSV parser and the daemon's checks of each mount).
 */
export type ExtensionName = (typeof EXTENSION_NAMES)[number];

export interface Extension {
	readonly name: ExtensionName;
	/** Handlers by canonical command path (`build`, `images`…). */
	readonly docker?: Readonly<Record<string, Handler>>;
	/** Programs by file name (`tar`, `nginx`…). */
	readonly programs?: Readonly<Record<string, Program>>;
	/** The Go template engine (the `templates` extension). */
	readonly templates?: Templates;
	/** The `--mount` syntax (the `mounts` extension). */
	readonly mounts?: MountSyntax;
	/** A teaching image's own layer, by image name (its extension; see `imageLayers` in model/world.ts). */
	readonly layers?: Readonly<Record<string, DirNode>>;
}

/** What the docker CLI uses of the Go template engine (cli/template.ts). */
export type Templates = Pick<typeof TemplateModule, 'cachedTemplate' | 'execTemplate' | 'renderTemplate' | 'templateRunner'>;

/** What `docker run`/`create` use of the `--mount` syntax (docker/mount-syntax.ts). */
export type MountSyntax = Pick<typeof MountModule, 'parseMountFlag' | 'parseMountSpec'>;

/** Which extension provides each docker command (canonical path) and each program. */
export const EXTENSION_CONTENTS: Readonly<Record<ExtensionName, { readonly docker: readonly string[]; readonly programs: readonly string[] }>> = {
	images: { docker: ['commit', 'images', 'rmi'], programs: [] },
	build: { docker: ['build'], programs: [] },
	inspect: { docker: ['inspect', 'volume inspect'], programs: [] },
	prune: { docker: ['volume prune', 'container prune', 'system prune'], programs: [] },
	files: { docker: [], programs: ['cp', 'chmod', 'chown', 'stat', 'test', '['] },
	tar: { docker: [], programs: ['tar'] },
	nginx: { docker: [], programs: ['nginx', 'docker-entrypoint.sh'] },
	postgres: { docker: [], programs: ['postgres', 'docker-entrypoint.sh'] },
	mysql: { docker: [], programs: ['mysqld', 'docker-entrypoint.sh'] },
	node: { docker: [], programs: ['node', 'docker-entrypoint.sh'] },
	templates: { docker: [], programs: [] },
	mounts: { docker: [], programs: [] },
};

/** Thrown by the dispatch when a command needs an extension that is not registered (never escapes `exec`). */
export class MissingExtension {
	readonly extension: ExtensionName;
	constructor(extension: ExtensionName) {
		this.extension = extension;
	}
}

const owners = new Map<string, ExtensionName>();
for (const name of EXTENSION_NAMES) {
	for (const path of EXTENSION_CONTENTS[name].docker) owners.set(`docker ${path}`, name);
	// A program several extensions provide (`docker-entrypoint.sh`) is fetched with the first of them.
	for (const program of EXTENSION_CONTENTS[name].programs) if (!owners.has(program)) owners.set(program, name);
}
const handlers = new Map<string, Handler>();
const programs = new Map<string, Program>();
const layers = new Map<string, DirNode>();
const registered = new Set<ExtensionName>();
let templates: Templates | undefined;
let mounts: MountSyntax | undefined;

/** Makes an extension's commands available to every engine (registering twice is harmless). */
export function registerExtension(extension: Extension): void {
	for (const [path, handler] of Object.entries(extension.docker ?? {})) handlers.set(path, handler);
	for (const [name, program] of Object.entries(extension.programs ?? {})) programs.set(name, program);
	for (const [name, layer] of Object.entries(extension.layers ?? {})) layers.set(name, layer);
	if (extension.templates !== undefined) templates = extension.templates;
	if (extension.mounts !== undefined) mounts = extension.mounts;
	registered.add(extension.name);
}

export function isRegistered(name: ExtensionName): boolean {
	return registered.has(name);
}

function owned<T>(found: T | undefined, key: string): T | undefined {
	if (found !== undefined) return found;
	const owner = owners.get(key);
	if (owner !== undefined) throw new MissingExtension(owner);
	return undefined;
}

/** An extension's docker handler (canonical path); undefined when no extension has one; throws when its extension is not loaded. */
export function extensionHandler(path: string): Handler | undefined {
	return owned(handlers.get(path), `docker ${path}`);
}

/** An extension's program by file name; undefined when no extension has one; throws when its extension is not loaded. */
export function extensionProgram(name: string): Program | undefined {
	return owned(programs.get(name), name);
}

/** The Go template engine; throws when the `templates` extension is not loaded. */
export function extensionTemplates(): Templates {
	if (templates === undefined) throw new MissingExtension('templates');
	return templates;
}

/** The `--mount` syntax; throws when the `mounts` extension is not loaded. */
export function extensionMounts(): MountSyntax {
	if (mounts === undefined) throw new MissingExtension('mounts');
	return mounts;
}

/** A teaching image's own layer (by image name, which is also its extension's); throws when that is not loaded. */
export function catalogueLayer(image: string): DirNode {
	const layer = layers.get(image);
	if (layer !== undefined) return layer;
	// model/images.ts makes placeholders for these four only (a unit test holds it to that).
	throw new MissingExtension(image as ExtensionName);
}
