/**
 * A draft of the next state and the mount-aware filesystem views that commands use.
 *
 * A command works on a `Draft`; only when it succeeds is `commit()` called. A shared base state is
 * never touched (its dictionaries are copied on first write); an exclusive one (an engine's state
 * that no snapshot has handed out) is updated in place with an undo log. Either way a failing
 * command leaves the world exactly as it was.
 */
import {
	dictGet,
	dictPut,
	dictWith,
	FS_ERRORS,
	isPrefix,
	listHit,
	pathSegments,
	resolveStack,
	writeStack,
	type Dict,
	type DirNode,
	type FileNode,
	type FsError,
	type Hit,
} from './fs.ts';
import { nextHex64 } from './ids.ts';
import { nextRandom } from './random.ts';
import { catalogueLayer } from '../extensions.ts';
import { DATA_ROOT, type Container, type DockerVersion, type EngineState, type Image, type Origin, type Volume } from './state.ts';

export type StoreRef =
	| { readonly kind: 'host' }
	| { readonly kind: 'volume'; readonly name: string }
	| { readonly kind: 'rootfs'; readonly id: string }
	| { readonly kind: 'tmpfs'; readonly id: string; readonly dest: string }
	/** The host's /var/lib/docker/volumes (read-only here; volume data is reached through `volume`). */
	| { readonly kind: 'volumes' };

type DictName = 'images' | 'tags' | 'containers' | 'volumes';
type Entry = Image | Container | Volume | string;
/** One in-place change of a dictionary: what `key` held before (`order`: the key order before a deletion). */
type Undo = readonly [name: DictName, key: string, old: Entry | undefined, order?: string[]];
/** A bookmark: the scalar fields and how long the undo log was. */
export type Mark = readonly [clock: number, rng: number, cwd: string, host: DirNode, changed: boolean, log: number];

export class Draft {
	readonly version: DockerVersion;
	clock: number;
	rng: number;
	cwd: string;
	host: DirNode;
	images: Dict<Image>;
	tags: Dict<string>;
	containers: Dict<Container>;
	volumes: Dict<Volume>;
	/** Set by every mutation; an unchanged draft commits to the very same state object. */
	changed = false;
	/** Dictionaries this draft may update in place: its own copies, or all of them when the base is exclusively its own. */
	private readonly owned = new Set<DictName>();
	/** In-place changes, so that `restore` can undo them (a failed docker command leaves no trace). */
	private readonly log: Undo[] = [];
	private readonly base: EngineState;

	/**
	 * `exclusive`: nobody else holds `base` (an engine whose state was not handed out by `snapshot()`),
	 * so its dictionaries are updated in place instead of being copied once per command.
	 */
	constructor(base: EngineState, exclusive = false) {
		this.base = base;
		this.version = base.version;
		this.clock = base.clock;
		this.rng = base.rng;
		this.cwd = base.cwd;
		this.host = base.host;
		this.images = base.images;
		this.tags = base.tags;
		this.containers = base.containers;
		this.volumes = base.volumes;
		if (exclusive) for (const name of DICT_NAMES) this.owned.add(name);
	}

	/** A cheap bookmark of the draft (restoring it undoes everything done since). */
	mark(): Mark {
		return [this.clock, this.rng, this.cwd, this.host, this.changed, this.log.length];
	}
	restore(mark: Mark): void {
		let length: number;
		[this.clock, this.rng, this.cwd, this.host, this.changed, length] = mark;
		while (this.log.length > length) {
			const [name, key, old, order] = this.log.pop() as Undo;
			const dict = this[name] as Record<string, Entry>;
			if (old === undefined) delete dict[key];
			else dictPut(dict, key, old);
			// A deleted key comes back at its old place in the (creation) order: re-insert every key in that order.
			if (order !== undefined) {
				for (const k of order) {
					const value = dict[k] as Entry;
					delete dict[k];
					dictPut(dict, k, value);
				}
			}
		}
	}

	commit(): EngineState {
		this.log.length = 0;
		if (!this.changed) return this.base;
		return {
			version: this.version,
			clock: this.clock + 1,
			rng: this.rng,
			cwd: this.cwd,
			host: this.host,
			images: this.images,
			tags: this.tags,
			containers: this.containers,
			volumes: this.volumes,
		};
	}

	/** Copy-on-first-write (once per command, and never for an exclusive base), then in-place updates with an undo log. */
	private edit(name: DictName, key: string, value: Entry | undefined): void {
		this.changed = true;
		if (!this.owned.has(name)) {
			(this as unknown as Record<DictName, Dict<Entry>>)[name] = { ...(this[name] as Dict<Entry>) };
			this.owned.add(name);
		}
		const dict = this[name] as Record<string, Entry>;
		const old = dictGet(dict, key);
		if (value !== undefined) {
			this.log.push([name, key, old]);
			dictPut(dict, key, value);
		} else if (old !== undefined) {
			this.log.push([name, key, old, Object.keys(dict)]);
			delete dict[key];
		}
	}

	/** The time a change in this command happens at (the clock ticks once per committed command). */
	get now(): number {
		return this.clock + 1;
	}

	hex64(): string {
		const next = nextHex64(this.rng);
		this.rng = next.state;
		this.changed = true;
		return next.value;
	}
	random(): number {
		const next = nextRandom(this.rng);
		this.rng = next.state;
		this.changed = true;
		return next.value;
	}

	setCwd(cwd: string): void {
		this.cwd = cwd;
		this.changed = true;
	}
	putContainer(container: Container): void {
		this.edit('containers', container.id, container);
	}
	deleteContainer(id: string): void {
		this.edit('containers', id, undefined);
	}
	putVolume(volume: Volume): void {
		this.edit('volumes', volume.name, volume);
	}
	deleteVolume(name: string): void {
		this.edit('volumes', name, undefined);
	}
	putImage(image: Image): void {
		this.edit('images', image.id, image);
	}
	deleteImage(id: string): void {
		this.edit('images', id, undefined);
	}
	setTag(tag: string, imageId: string | undefined): void {
		this.edit('tags', tag, imageId);
	}

	// ---- stores ----

	layers(ref: StoreRef): readonly DirNode[] {
		switch (ref.kind) {
			case 'host':
				return [this.host];
			case 'volumes':
				return [volumesDir(this.volumes)];
			case 'volume':
				return [(dictGet(this.volumes, ref.name) as Volume).root];
			case 'tmpfs':
				return [dictGet((dictGet(this.containers, ref.id) as Container).tmpfs, ref.dest) as DirNode];
			case 'rootfs':
				return rootfsLayers(dictGet(this.containers, ref.id) as Container, this.images);
		}
	}

	setTop(ref: StoreRef, top: DirNode): void {
		this.changed = true;
		switch (ref.kind) {
			case 'host':
				this.host = top;
				return;
			case 'volumes':
				return;
			case 'volume': {
				this.putVolume({ ...(dictGet(this.volumes, ref.name) as Volume), root: top });
				return;
			}
			case 'tmpfs': {
				const container = dictGet(this.containers, ref.id) as Container;
				this.putContainer({ ...container, tmpfs: dictWith(container.tmpfs, ref.dest, top) });
				return;
			}
			case 'rootfs': {
				const container = dictGet(this.containers, ref.id) as Container;
				this.putContainer({ ...container, layer: top });
			}
		}
	}
}

const DICT_NAMES: readonly DictName[] = ['images', 'tags', 'containers', 'volumes'];
const DATA_ROOT_SEGS = DATA_ROOT.split('/').filter((seg) => seg !== '');
const VOLUMES_SEGS = [...DATA_ROOT_SEGS, 'volumes'];

/** The host's /var/lib/docker/volumes: one `NAME/_data` directory per volume, made from the volumes themselves. */
function volumesDir(volumes: Dict<Volume>): DirNode {
	const children: Record<string, DirNode> = {};
	for (const name of Object.keys(volumes)) {
		const volume = volumes[name] as Volume;
		dictPut(children, name, { type: 'dir', children: { _data: volume.root }, mode: 0o701, uid: 0, gid: 0 });
	}
	return { type: 'dir', children, mode: 0o701, uid: 0, gid: 0 };
}

/**
 * An image's layers, bottom first, with a teaching image's own layer (a `catalogue` placeholder in
 * the state) replaced by its files from that image's extension; throws `MissingExtension` when
 * that is not loaded.
 */
export function imageLayers(image: Image): DirNode[] {
	return image.layers.map((layer) => (layer.catalogue === undefined ? layer : catalogueLayer(layer.catalogue)));
}

/** A container's root filesystem, top first: container layer, init layer, image layers. */
export function rootfsLayers(container: Container, images: Dict<Image>): DirNode[] {
	const image = dictGet(images, container.imageId);
	return [container.layer, container.init, ...(image === undefined ? [] : imageLayers(image).reverse())];
}

// ---- views --------------------------------------------------------------------------------------

export interface ViewMount {
	readonly segs: readonly string[];
	readonly ref: StoreRef;
	/** Path inside the store that the mount point shows. */
	readonly base: readonly string[];
	readonly readonly: boolean;
	readonly origin: Origin;
}

/** A filesystem as a process sees it: a root store with mounts on top. */
export interface View {
	readonly root: StoreRef;
	readonly mounts: readonly ViewMount[];
	/** The host's view also shows every volume at its Mountpoint. */
	readonly hostVolumes: boolean;
}

export const HOST_VIEW: View = { root: { kind: 'host' }, mounts: [], hostVolumes: true };

export function containerView(container: Container): View {
	const mounts: ViewMount[] = container.mounts.map((mount) => {
		const segs = destinationSegments(mount.destination);
		if (mount.type === 'tmpfs') return { segs, ref: { kind: 'tmpfs', id: container.id, dest: mount.destination }, base: [], readonly: !mount.rw, origin: 'tmpfs' };
		if (mount.type === 'volume') return { segs, ref: { kind: 'volume', name: mount.name }, base: [], readonly: !mount.rw, origin: 'volume' };
		return { segs, ref: { kind: 'host' }, base: destinationSegments(mount.source), readonly: !mount.rw, origin: 'bind' };
	});
	return { root: { kind: 'rootfs', id: container.id }, mounts, hostVolumes: false };
}

/** Mount destinations are absolute; a Windows-looking `a:/data` is taken relative to `/`. */
export function destinationSegments(path: string): string[] {
	return pathSegments(path);
}

export interface Location {
	readonly ref: StoreRef;
	readonly segs: readonly string[];
	readonly readonly: boolean;
	readonly origin: Origin;
	/** The path is exactly a mount point (cannot be removed or replaced). */
	readonly mountRoot: boolean;
}

/** The host directory that holds a bind-backed local volume (`--opt type=none --opt o=bind --opt device=DIR`). */
export function volumeDevice(volume: Volume | undefined): string[] | undefined {
	const options = volume?.options;
	if (options === null || options === undefined || dictGet(options, 'type') !== 'none' || !(dictGet(options, 'o') ?? '').split(',').includes('bind')) return undefined;
	return (dictGet(options, 'device') ?? '').split('/').filter((seg) => seg !== '');
}

/** A bind-backed volume's data lives in its device directory on the host. */
function throughDevice(draft: Draft, where: Location): Location {
	if (where.ref.kind !== 'volume') return where;
	const device = volumeDevice(dictGet(draft.volumes, where.ref.name));
	return device === undefined ? where : { ...where, ref: { kind: 'host' }, segs: [...device, ...where.segs] };
}

export function locate(draft: Draft, view: View, segs: readonly string[]): Location {
	return throughDevice(draft, locateIn(draft, view, segs));
}

function locateIn(draft: Draft, view: View, segs: readonly string[]): Location {
	let best: ViewMount | undefined;
	for (const mount of view.mounts) {
		if (isPrefix(mount.segs, segs) && (best === undefined || mount.segs.length >= best.segs.length)) best = mount;
	}
	if (best !== undefined) {
		return { ref: best.ref, segs: [...best.base, ...segs.slice(best.segs.length)], readonly: best.readonly, origin: best.origin, mountRoot: segs.length === best.segs.length };
	}
	if (view.hostVolumes && segs.length >= VOLUMES_SEGS.length && isPrefix(VOLUMES_SEGS, segs)) {
		const name = segs[4] as string;
		if (segs.length >= 6 && segs[5] === '_data' && dictGet(draft.volumes, name) !== undefined) return { ref: { kind: 'volume', name }, segs: segs.slice(6), readonly: false, origin: 'volume', mountRoot: segs.length === 6 };
		return { ref: { kind: 'volumes' }, segs: segs.slice(4), readonly: true, origin: 'bind', mountRoot: segs.length <= 5 };
	}
	return { ref: view.root, segs, readonly: false, origin: view.root.kind === 'rootfs' ? 'container' : 'bind', mountRoot: false };
}

export function statAt(draft: Draft, view: View, segs: readonly string[]): Hit | FsError {
	const where = locate(draft, view, segs);
	return resolveStack(draft.layers(where.ref), where.segs);
}

export function listAt(draft: Draft, view: View, segs: readonly string[]): Array<[string, FileNode | DirNode]> | FsError {
	const hit = statAt(draft, view, segs);
	if (typeof hit === 'string') return hit;
	if (hit.type !== 'dir') return 'ENOTDIR';
	return listHit(hit);
}

export function readAt(draft: Draft, view: View, segs: readonly string[]): string | { error: FsError } {
	const hit = statAt(draft, view, segs);
	if (typeof hit === 'string') return { error: hit };
	if (hit.type === 'dir') return { error: 'EISDIR' };
	return hit.node.content;
}

function parentIsDir(draft: Draft, where: Location): FsError | undefined {
	if (where.segs.length === 0) return undefined;
	const parent = resolveStack(draft.layers(where.ref), where.segs.slice(0, -1));
	if (typeof parent === 'string') return parent;
	return parent.type === 'dir' ? undefined : 'ENOTDIR';
}

/** Creates or replaces (or appends to) a file. */
export function writeAt(draft: Draft, view: View, segs: readonly string[], content: string, append = false): FsError | undefined {
	const where = locate(draft, view, segs);
	const layers = draft.layers(where.ref);
	const existing = resolveStack(layers, where.segs);
	if (typeof existing === 'string' && existing !== 'ENOENT') return existing;
	if (typeof existing === 'string') {
		const parentError = parentIsDir(draft, where);
		if (parentError !== undefined) return parentError;
	} else if (existing.type === 'dir') return 'EISDIR';
	if (where.readonly) return 'EROFS';
	const old = typeof existing === 'string' ? undefined : existing.node;
	const node: FileNode = old === undefined ? { type: 'file', content, mode: 0o644, uid: 0, gid: 0 } : { ...old, content: append ? old.content + content : content };
	draft.setTop(where.ref, writeStack(layers, where.segs, node));
	return undefined;
}

/** Updates a file's or directory's metadata (and copies it up, as a write to an image file does). */
export function touchAt(draft: Draft, view: View, segs: readonly string[], change: { mode?: number; uid?: number; gid?: number } = {}): FsError | undefined {
	const where = locate(draft, view, segs);
	const layers = draft.layers(where.ref);
	const existing = resolveStack(layers, where.segs);
	if (typeof existing === 'string') return existing;
	if (where.readonly) return 'EROFS';
	if (existing.type === 'file') {
		draft.setTop(where.ref, writeStack(layers, where.segs, { ...existing.node, ...change }));
		return undefined;
	}
	const top = existing.dirs[0];
	if (top === undefined) return 'ENOENT';
	// Copy a lower directory up without its children (they stay visible from below).
	const node: DirNode = top.layer === 0 ? { ...top.node, ...change } : { type: 'dir', children: {}, mode: top.node.mode, uid: top.node.uid, gid: top.node.gid, ...change };
	if (where.segs.length === 0) {
		draft.setTop(where.ref, { ...(layers[0] as DirNode), ...change });
		return undefined;
	}
	draft.setTop(where.ref, writeStack(layers, where.segs, node));
	return undefined;
}

export function mkdirAt(draft: Draft, view: View, segs: readonly string[], meta: { mode: number; uid: number; gid: number } = { mode: 0o755, uid: 0, gid: 0 }): FsError | undefined {
	const where = locate(draft, view, segs);
	const layers = draft.layers(where.ref);
	const existing = resolveStack(layers, where.segs);
	if (typeof existing !== 'string') return 'EEXIST';
	if (existing === 'ENOTDIR') return 'ENOTDIR';
	const parentError = parentIsDir(draft, where);
	if (parentError !== undefined) return parentError;
	if (where.readonly) return 'EROFS';
	draft.setTop(where.ref, writeStack(layers, where.segs, { type: 'dir', children: {}, ...meta }));
	return undefined;
}

/** `mkdir -p`: makes each missing directory of `segs`; the first error stops it (an existing file is ENOTDIR). */
export function mkdirp(draft: Draft, view: View, segs: readonly string[]): FsError | undefined {
	for (let depth = 1; depth <= segs.length; depth++) {
		const prefix = segs.slice(0, depth);
		const hit = statAt(draft, view, prefix);
		if (typeof hit !== 'string' && hit.type === 'dir') continue;
		const error = typeof hit !== 'string' ? 'ENOTDIR' : mkdirAt(draft, view, prefix);
		if (error !== undefined) return error === 'EEXIST' ? 'ENOTDIR' : error;
	}
	return undefined;
}

/** Removes a file or an empty directory. */
export function unlinkAt(draft: Draft, view: View, segs: readonly string[]): FsError | undefined {
	const where = locate(draft, view, segs);
	const layers = draft.layers(where.ref);
	const existing = resolveStack(layers, where.segs);
	if (typeof existing === 'string') return existing;
	if (where.mountRoot || where.segs.length === 0) return where.readonly ? 'EROFS' : 'EBUSY';
	if (existing.type === 'dir' && listHit(existing).length > 0) return 'ENOTEMPTY';
	if (where.readonly) return 'EROFS';
	draft.setTop(where.ref, writeStack(layers, where.segs, undefined));
	return undefined;
}

export function fsMessage(error: FsError): string {
	return FS_ERRORS[error];
}
