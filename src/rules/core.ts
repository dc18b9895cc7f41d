/**
 * Mountpoint's rules engine: a deterministic model of Docker's volume lifecycle that accepts real
 * `docker` command lines (and a small host shell) and prints what Docker prints.
 * See README.md in this folder for the API and the snapshot shape.
 *
 * This is the browser's entry point: the core engine, whose rarely used features (extensions.ts)
 * are fetched by `loadExtensions` when a command asks for them. `index.ts` is the same API with
 * every extension registered (Node, tests, build-time pages).
 */
import { dictGet, dictValues, hitMeta, listHit, pathSegments, resolveStack, treeFrom, type DirNode, type Hit } from './model/fs.ts';
import { builtinImages } from './model/images.ts';
import { nextRandom } from './model/random.ts';
import { DOCKER_VERSIONS, EPOCH, type Container, type DockerVersion, type EngineState, type Mount, type Origin } from './model/state.ts';
import { Draft, containerView, locate, HOST_VIEW, type View } from './model/world.ts';
import { isRegistered, MissingExtension, registerExtension, type Extension, type ExtensionName } from './extensions.ts';
import { runDocker } from './docker/cli.ts';
import { findContainer, isFailure } from './docker/daemon.ts';
import { hostLookup } from './shell/programs.ts';
import { runScript, type Io, type Proc } from './shell/shell.ts';
import { opOf, tokenize, wordText, type Word } from './cli/shell-parse.ts';

export type { Container, ContainerConfig, ContainerState, ContainerStatus, DockerVersion, EngineState, HostConfig, Image, ImageConfig, Mount, MountSpec, MountType, Origin, Volume } from './model/state.ts';
export { CONTAINER_STATUSES, DOCKER_VERSIONS, EPOCH, MOUNT_TYPES, ORIGINS, volumeMountpoint } from './model/state.ts';
export type { Dict, DirNode, FileNode, FsNode, WhiteoutNode } from './model/fs.ts';
export { canonicalPath, COMMAND_PATHS, FLAG_KINDS, MANAGEMENT_COMMANDS, flagsOf, specFor, type CommandSpec, type FlagKind, type FlagSpec } from './cli/flags.ts';
export { nextRandom } from './model/random.ts';
export { EXTENSION_CONTENTS, EXTENSION_NAMES, isRegistered, registerExtension, type Extension, type ExtensionName } from './extensions.ts';
export { HOST_COMMANDS } from './shell/programs.ts';
export { BUSYBOX_APPLETS } from './model/images.ts';
// The facts table (facts.ts) is a separate entry point: build-time pages and tests import it, the browser does not.

/** The engine's whole state: immutable and JSON-serialisable. */
export type EngineSnapshot = EngineState;

export interface ExecResult {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
	/**
	 * Only from an engine whose extensions are not all registered (the browser's): the line reached a
	 * command of this extension, so nothing ran and the state is unchanged. Load it and run the line again.
	 */
	readonly needs?: ExtensionName;
}

export interface EngineOptions {
	/** Seed of the id generator (container ids, anonymous volume names, random names). Default 0. */
	readonly seed?: number;
	/** Version-dependent behaviour. Default '29' (current Docker). */
	readonly dockerVersion?: DockerVersion;
}

export interface Engine {
	/** Runs one command line at the host prompt. Never throws. */
	exec(commandLine: string): ExecResult;
	/** The current state (the same object until a command changes something). */
	snapshot(): EngineSnapshot;
}

/** One command line run against a state (the pure form of `Engine.exec`). */
export interface Execution {
	readonly state: EngineState;
	readonly result: ExecResult;
	/**
	 * The last docker command of the line was refused by the CLI or the daemon and changed nothing
	 * (multi-target commands such as `docker rm a b` commit the targets that succeeded).
	 */
	readonly rejected: boolean;
}

export function initialState(options: EngineOptions = {}): EngineState {
	const version = options.dockerVersion ?? '29';
	if (!(DOCKER_VERSIONS as readonly string[]).includes(version)) throw new Error(`unknown dockerVersion ${String(version)}`);
	const { images, tags } = builtinImages();
	let host: DirNode = treeFrom({ 'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n', 'etc/group': 'root:x:0:\n', 'root/': null, 'tmp/lab/': null, 'var/lib/docker/volumes/': null });
	host = { ...host, children: { ...host.children, tmp: { ...(dictGet(host.children, 'tmp') as DirNode), mode: 0o1777 } } };
	return {
		version,
		clock: EPOCH,
		rng: nextRandom((options.seed ?? 0) >>> 0).state,
		cwd: '/tmp/lab',
		host,
		images,
		tags,
		containers: {},
		volumes: {},
	};
}

/** Runs a command line against `state` and returns the next state (the old one is untouched). */
export function execute(state: EngineState, commandLine: string): Execution {
	return run(state, commandLine, false);
}

/** `exclusive`: the caller gives `state` up (no one else holds it), so the draft may update it in place. */
function run(state: EngineState, commandLine: string, exclusive: boolean): Execution {
	const draft = new Draft(state, exclusive);
	const start = draft.mark();
	try {
		const io: Io = { stdin: '', out: [], err: [] };
		let rejected = false;
		const env = new Map([
			['HOME', '/root'],
			['USER', 'root'],
			['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
		]);
		const proc: Proc = {
			draft,
			view: HOST_VIEW,
			cwd: state.cwd,
			env,
			gnu: true,
			main: false,
			interactive: false,
			hostname: 'lab',
			lastStatus: 0,
			exited: undefined,
			stopsOnTerm: false,
			depth: 0,
			lookup: hostLookup,
			docker: (argv, dockerIo) => {
				const mark = draft.mark();
				const outcome = runDocker({ draft, io: dockerIo, cwd: proc.cwd }, argv);
				rejected = outcome.failed;
				if (outcome.failed) draft.restore(mark);
				return outcome.code;
			},
		};
		const status = runScript(proc, commandLine, io);
		return { state: draft.commit(), result: { exitCode: status < 0 ? 0 : status, stdout: io.out.join(''), stderr: io.err.join('') }, rejected };
	} catch (error) {
		draft.restore(start);
		if (error instanceof MissingExtension) {
			const needs = error.extension;
			return { state, result: { exitCode: 127, stdout: '', stderr: `mountpoint: this command needs the simulator's "${needs}" extension, which is not loaded\n`, needs }, rejected: true };
		}
		// A bug in the simulator must not take the page down: report it and keep the old state.
		return { state, result: { exitCode: 125, stdout: '', stderr: `internal simulator error: ${error instanceof Error ? error.message : String(error)}\n` }, rejected: true };
	}
}

/** An engine with the extensions registered so far (`index.ts`'s `createEngine` has them all). */
export function createCoreEngine(options: EngineOptions = {}): Engine {
	let state = initialState(options);
	// Until `snapshot()` hands the state out, only this engine holds it: commands may update it in place.
	let shared = true;
	return {
		exec(commandLine: string): ExecResult {
			const next = run(state, typeof commandLine === 'string' ? commandLine : String(commandLine), !shared);
			if (next.state !== state) shared = false;
			state = next.state;
			return next.result;
		},
		snapshot() {
			shared = true;
			return state;
		},
	};
}

// ---- extensions ---------------------------------------------------------------------------------

/** Where each extension lives (each module exports it as `EXTENSION`): the browser's bundler makes one chunk of each. */
const LOADERS: Readonly<Record<ExtensionName, () => Promise<{ readonly EXTENSION: Extension }>>> = {
	images: () => import('./docker/image-commands.ts'),
	build: () => import('./docker/build.ts'),
	inspect: () => import('./docker/inspect-commands.ts'),
	prune: () => import('./docker/prune.ts'),
	files: () => import('./shell/file-tools.ts'),
	tar: () => import('./shell/tar.ts'),
	nginx: () => import('./shell/images/nginx.ts'),
	postgres: () => import('./shell/images/postgres.ts'),
	mysql: () => import('./shell/images/mysql.ts'),
	node: () => import('./shell/images/node.ts'),
	templates: () => import('./cli/template.ts'),
	mounts: () => import('./docker/mount-syntax.ts'),
};

/** Fetches and registers extensions (those already registered cost nothing). */
export async function loadExtensions(names: Iterable<ExtensionName>): Promise<void> {
	const missing = [...new Set(names)].filter((name) => !isRegistered(name));
	for (const loaded of await Promise.all(missing.map((name) => LOADERS[name]()))) registerExtension(loaded.EXTENSION);
}

/**
 * Runs `attempt` (which makes engines with the factory it is given and runs commands on them) until
 * none of its commands asked for a missing extension, loading what they asked for in between: the
 * result is what an engine with every extension gives. A command list replays in full once per
 * extension it needs at most, and once when everything is loaded already.
 */
export async function withExtensions<T>(attempt: (createEngine: (options?: EngineOptions) => Engine) => T): Promise<T> {
	for (;;) {
		const asked = new Set<ExtensionName>();
		const result = attempt((options) => {
			const engine = createCoreEngine(options);
			return {
				exec(commandLine) {
					const executed = engine.exec(commandLine);
					if (executed.needs !== undefined) asked.add(executed.needs);
					return executed;
				},
				snapshot: () => engine.snapshot(),
			};
		});
		if (asked.size === 0) return result;
		await loadExtensions(asked);
	}
}

// ---- helpers for the lab and the quizzes --------------------------------------------------------

/** A container by name, id or id prefix. */
export function findContainerIn(state: EngineState, ref: string): Container | undefined {
	const found = findContainer(new Draft(state), ref);
	return isFailure(found) ? undefined : found;
}

/** The mounts of a container (as `docker inspect .Mounts`, plus `--tmpfs` ones marked `hidden`). */
export function containerMounts(state: EngineState, ref: string): readonly Mount[] | undefined {
	return findContainerIn(state, ref)?.mounts;
}

export interface PathEntry {
	readonly name: string;
	readonly type: 'file' | 'dir';
	readonly origin: Origin;
	/** Volume name, bind source, or '' for image/container layer content. */
	readonly source: string;
	readonly readonly: boolean;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
}

export interface PathView extends PathEntry {
	readonly path: string;
	/** For a directory: what each entry resolves to (mount points show their mount). */
	readonly entries: readonly PathEntry[];
}

/** Where `readPath` looks: the host, a container's merged view (by name, id or id prefix), or a volume's `_data`. */
export type PathPlace = 'host' | { readonly container: string } | { readonly volume: string };

/** A path as `readPath` returns it: a file with its text, or a directory with its entry names. */
export type PathContent = { readonly type: 'file'; readonly content: string } | { readonly type: 'dir'; readonly entries: readonly string[] };

function placeView(state: EngineState, place: PathPlace): View | undefined {
	if (place === 'host') return HOST_VIEW;
	if ('volume' in place) return Object.hasOwn(state.volumes, place.volume) ? { root: { kind: 'volume', name: place.volume }, mounts: [], hostVolumes: false } : undefined;
	const container = findContainerIn(state, place.container);
	return container === undefined ? undefined : containerView(container);
}

/** What a process there would read at `path` (mounts, layers and whiteouts resolved); undefined when it does not exist. */
export function readPath(state: EngineState, place: PathPlace, path: string): PathContent | undefined {
	const view = placeView(state, place);
	if (view === undefined) return undefined;
	const draft = new Draft(state);
	const where = locate(draft, view, pathSegments(path, '/'));
	const hit = resolveStack(draft.layers(where.ref), where.segs);
	if (typeof hit === 'string') return undefined;
	return hit.type === 'file' ? { type: 'file', content: hit.node.content } : { type: 'dir', entries: listHit(hit).map(([name]) => name) };
}

/**
 * What a path in a container's merged filesystem is and where it comes from (image layer,
 * container layer, init layer, volume, bind, tmpfs) — the lab's "merged filesystem view".
 * `containerRef` undefined means the host. A file comes from the layer that holds its current
 * content; a directory from the lowest layer that has it (a directory of the image that the
 * container wrote into, or that Docker's init layer also has, like /etc, is the image's).
 */
export function describePath(state: EngineState, containerRef: string | undefined, path: string): PathView | undefined {
	const draft = new Draft(state);
	const container = containerRef === undefined ? undefined : findContainerIn(state, containerRef);
	if (containerRef !== undefined && container === undefined) return undefined;
	const view = container === undefined ? HOST_VIEW : containerView(container);
	const describe = (segs: readonly string[], name: string): [PathEntry, Hit] | undefined => {
		const where = locate(draft, view, segs);
		const hit = resolveStack(draft.layers(where.ref), where.segs);
		if (typeof hit === 'string') return undefined;
		const meta = hitMeta(hit);
		// In a container's root filesystem, layer 0 is the container layer, 1 the init layer, the rest the image.
		const layer = hit.type === 'file' ? hit.layer : (hit.dirs[hit.dirs.length - 1]?.layer ?? 0);
		const origin: Origin = where.ref.kind === 'rootfs' ? (layer === 0 ? 'container' : layer === 1 ? 'init' : 'image') : where.origin === 'container' ? 'bind' : where.origin;
		const source = where.ref.kind === 'volume' ? where.ref.name : where.origin === 'bind' ? `/${where.segs.join('/')}` : '';
		return [{ name, type: meta.type, origin, source, readonly: where.readonly, mode: meta.mode, uid: meta.uid, gid: meta.gid }, hit];
	};
	const segs = pathSegments(path, '/');
	const found = describe(segs, segs[segs.length - 1] ?? '/');
	if (found === undefined) return undefined;
	const [self, hit] = found;
	const entries = hit.type === 'dir' ? listHit(hit).flatMap(([name]) => describe([...segs, name], name)?.[0] ?? []) : [];
	return { ...self, path: `/${segs.join('/')}`, entries };
}

/** Words of a (possibly unfinished) command line, for tab completion. */
export function commandWords(line: string): string[] {
	const tokens = tokenize(line);
	if ('error' in tokens) return line.trim().split(/\s+/).filter((word) => word !== '');
	return tokens.flatMap((token) => (opOf(token) === undefined ? [wordText(token as Word)] : []));
}

/** Names of the containers and volumes (for completing arguments). */
export function objectNames(state: EngineState): { containers: string[]; volumes: string[]; images: string[] } {
	return {
		containers: dictValues(state.containers).map((container) => container.name),
		volumes: dictValues(state.volumes).map((volume) => volume.name),
		images: Object.keys(state.tags),
	};
}
