/**
 * Immutable filesystem trees and overlay-style layer stacks.
 *
 * Every store (an image layer, a container's writable layer, a volume's `_data`, the host) is a
 * `DirNode` tree. Updates copy only the path they touch (structural sharing), so a failed command
 * that drops its draft leaves the old trees untouched and snapshots share everything unchanged.
 *
 * A container's root filesystem is a stack `[upper, init, ...image layers top-first]` read like
 * overlayfs: a `whiteout` hides a lower entry, an `opaque` directory hides everything below it.
 */

/** A name-keyed map without a prototype (a file called `constructor` or `__proto__` is just a name). */
export type Dict<T> = { readonly [name: string]: T };

export interface FileNode {
	readonly type: 'file';
	readonly content: string;
	/** Permission bits, e.g. 0o644. */
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
}
export interface DirNode {
	readonly type: 'dir';
	readonly children: Dict<FsNode>;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	/** Overlay: this directory replaced (did not merge with) the same path in lower layers. */
	readonly opaque?: true;
	/**
	 * Only on an image layer that stands for a teaching image's own files (nginx, postgres…), which the
	 * image's extension holds: the image's name (also the extension's). `imageLayers` (model/world.ts) swaps in the files.
	 */
	readonly catalogue?: string;
}
/** Overlay: the path was deleted in this layer. */
export interface WhiteoutNode {
	readonly type: 'whiteout';
}
export type FsNode = FileNode | DirNode | WhiteoutNode;

export const FS_ERRORS = {
	ENOENT: 'No such file or directory',
	ENOTDIR: 'Not a directory',
	EEXIST: 'File exists',
	EISDIR: 'Is a directory',
	EROFS: 'Read-only file system',
	ENOTEMPTY: 'Directory not empty',
	EBUSY: 'Resource busy',
} as const;
export type FsError = keyof typeof FS_ERRORS;

export function isFsError(value: unknown): value is FsError {
	return typeof value === 'string';
}

// ---- dictionaries -------------------------------------------------------------------------------
// Plain objects (fast to copy) that are only ever read through own-property checks, and written so
// that a key such as `__proto__` stays an ordinary entry.

/** Sets `key` on a fresh (unshared) object. */
export function dictPut<T>(target: Record<string, T>, key: string, value: T): void {
	if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
	else target[key] = value;
}
export function emptyDict<T>(): Dict<T> {
	return {};
}
export function dictGet<T>(dict: Dict<T>, key: string): T | undefined {
	return Object.hasOwn(dict, key) ? dict[key] : undefined;
}
/** A copy of `dict` with `key` set (or removed when `value` is undefined). */
export function dictWith<T>(dict: Dict<T>, key: string, value: T | undefined): Dict<T> {
	if (value !== undefined && key !== '__proto__') return { ...dict, [key]: value };
	const copy: Record<string, T> = {};
	for (const name of Object.keys(dict)) if (name !== key) dictPut(copy, name, dict[name] as T);
	if (value !== undefined) dictPut(copy, key, value);
	return copy;
}
export function dictFrom<T>(entries: Iterable<readonly [string, T]>): Dict<T> {
	const out: Record<string, T> = {};
	for (const [key, value] of entries) dictPut(out, key, value);
	return out;
}
/** The values in key order (through `Object.keys`: V8's `Object.values` is several times slower on large, edited dictionaries). */
export function dictValues<T>(dict: Dict<T>): T[] {
	return Object.keys(dict).map((key) => dict[key] as T);
}

// ---- nodes --------------------------------------------------------------------------------------

export function dir(children: Dict<FsNode> = emptyDict(), mode = 0o755, uid = 0, gid = 0): DirNode {
	return { type: 'dir', children, mode, uid, gid };
}
export function file(content: string, mode = 0o644, uid = 0, gid = 0): FileNode {
	return { type: 'file', content, mode, uid, gid };
}
const WHITEOUT: WhiteoutNode = { type: 'whiteout' };

/** Builds a tree from `{ 'a/b.txt': 'text', 'c/': null }` (a trailing slash makes an empty directory). */
export function treeFrom(entries: Readonly<Record<string, string | null>>, root: DirNode = dir()): DirNode {
	let out = root;
	for (const [path, content] of Object.entries(entries)) {
		const segs = path.split('/').filter((seg) => seg !== '');
		out = content === null ? mkdirAll(out, segs) : writeTree(out, segs, file(content));
	}
	return out;
}

// ---- paths --------------------------------------------------------------------------------------

/** Absolute path segments of `path` seen from `cwd` (`.` and `..` resolved, `..` stops at `/`). */
export function pathSegments(path: string, cwd = '/'): string[] {
	const full = path.startsWith('/') ? path : `${cwd}/${path}`;
	const out: string[] = [];
	for (const seg of full.split('/')) {
		if (seg === '' || seg === '.') continue;
		if (seg === '..') out.pop();
		else out.push(seg);
	}
	return out;
}
export function pathString(segs: readonly string[]): string {
	return `/${segs.join('/')}`;
}
export function isPrefix(prefix: readonly string[], segs: readonly string[]): boolean {
	if (prefix.length > segs.length) return false;
	for (let i = 0; i < prefix.length; i++) if (prefix[i] !== segs[i]) return false;
	return true;
}

// ---- single trees -------------------------------------------------------------------------------

export function lookup(root: DirNode, segs: readonly string[]): FileNode | DirNode | FsError {
	let node: FileNode | DirNode = root;
	for (const seg of segs) {
		if (node.type !== 'dir') return 'ENOTDIR';
		const child: FsNode | undefined = dictGet(node.children, seg);
		if (child === undefined || child.type === 'whiteout') return 'ENOENT';
		node = child;
	}
	return node;
}

function withChild(parent: DirNode, name: string, child: FsNode | undefined): DirNode {
	return { ...parent, children: dictWith(parent.children, name, child) };
}

/** Sets (or removes, with `undefined`) the node at `segs`, creating missing parents like `meta(depth)`. */
export function writeTree(root: DirNode, segs: readonly string[], node: FsNode | undefined, meta: (depth: number) => DirNode = () => dir()): DirNode {
	const step = (parent: DirNode, depth: number): DirNode => {
		const name = segs[depth] as string;
		if (depth === segs.length - 1) return withChild(parent, name, node);
		const existing = dictGet(parent.children, name);
		const base = existing?.type === 'dir' ? existing : emptyCopy(meta(depth + 1));
		return withChild(parent, name, step(base, depth + 1));
	};
	return segs.length === 0 ? (node?.type === 'dir' ? node : root) : step(root, 0);
}

export function mkdirAll(root: DirNode, segs: readonly string[]): DirNode {
	const found = lookup(root, segs);
	return typeof found !== 'string' && found.type === 'dir' ? root : writeTree(root, segs, dir());
}

function emptyCopy(meta: DirNode): DirNode {
	return dir(emptyDict(), meta.mode, meta.uid, meta.gid);
}

// ---- layer stacks -------------------------------------------------------------------------------

export interface DirHit {
	readonly type: 'dir';
	/** The same directory in every layer that contributes to it, top first. */
	readonly dirs: ReadonlyArray<{ readonly node: DirNode; readonly layer: number }>;
}
export interface FileHit {
	readonly type: 'file';
	readonly node: FileNode;
	readonly layer: number;
}
export type Hit = DirHit | FileHit;

/** Finds `name` in a merged directory: the top-most file, or every directory layer down to an opaque one. */
function childHit(parent: DirHit, name: string): Hit | undefined {
	const dirs: Array<{ node: DirNode; layer: number }> = [];
	for (const { node, layer } of parent.dirs) {
		const child = dictGet(node.children, name);
		if (child === undefined) continue;
		if (child.type === 'whiteout') break;
		if (child.type === 'file') {
			if (dirs.length === 0) return { type: 'file', node: child, layer };
			break;
		}
		dirs.push({ node: child, layer });
		if (child.opaque === true) break;
	}
	return dirs.length === 0 ? undefined : { type: 'dir', dirs };
}

export function rootHit(layers: readonly DirNode[]): DirHit {
	return { type: 'dir', dirs: layers.map((node, layer) => ({ node, layer })) };
}

/** Resolves `segs` in a stack of layers (top first). */
export function resolveStack(layers: readonly DirNode[], segs: readonly string[]): Hit | FsError {
	let hit: Hit = rootHit(layers);
	for (const seg of segs) {
		if (hit.type !== 'dir') return 'ENOTDIR';
		const next = childHit(hit, seg);
		if (next === undefined) return 'ENOENT';
		hit = next;
	}
	return hit;
}

export function hitMeta(hit: Hit): FileNode | DirNode {
	return hit.type === 'file' ? hit.node : (hit.dirs[0] as { node: DirNode }).node;
}

/** Names in a merged directory, sorted bytewise, with the top-most node of each. */
export function listHit(hit: DirHit): Array<[string, FileNode | DirNode]> {
	const seen = new Set<string>();
	const out: Array<[string, FileNode | DirNode]> = [];
	for (const { node } of hit.dirs) {
		for (const name of Object.keys(node.children)) {
			if (seen.has(name)) continue;
			seen.add(name);
			const child = childHit(hit, name);
			if (child !== undefined) out.push([name, hitMeta(child)]);
		}
	}
	return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The merged content of a directory as one plain tree (what a copy or a commit sees). */
export function flattenHit(hit: DirHit): DirNode {
	const top = hit.dirs[0]?.node ?? dir();
	if (hit.dirs.length === 1 && isPlain(top)) return top;
	const children = dictFrom(
		listHit(hit).map(([name]): [string, FsNode] => {
			const child = childHit(hit, name) as Hit;
			return [name, child.type === 'file' ? child.node : flattenHit(child)];
		}),
	);
	return dir(children, top.mode, top.uid, top.gid);
}

const plainCache = new WeakMap<DirNode, boolean>();
/** True when a tree has no whiteouts or opaque markers (so it can be shared as it is). */
function isPlain(node: DirNode): boolean {
	const cached = plainCache.get(node);
	if (cached !== undefined) return cached;
	let plain = node.opaque !== true;
	for (const name of Object.keys(node.children)) {
		if (!plain) break;
		const child = node.children[name] as FsNode;
		plain = child.type === 'file' || (child.type === 'dir' && isPlain(child));
	}
	plainCache.set(node, plain);
	return plain;
}

/**
 * Writes `node` at `segs` into the top layer of a stack (`undefined` deletes: a whiteout is left when
 * a lower layer still has the path). Missing parents are copied up from the merged view. The caller
 * has checked that the parent exists as a directory.
 */
export function writeStack(layers: readonly DirNode[], segs: readonly string[], node: FileNode | DirNode | undefined): DirNode {
	const top = layers[0] as DirNode;
	if (layers.length === 1) return writeTree(top, segs, node);
	const parentHit = resolveStack(layers, segs.slice(0, -1)) as DirHit;
	const name = segs[segs.length - 1] as string;
	const lowerParent: DirHit = { type: 'dir', dirs: parentHit.dirs.filter((entry) => entry.layer > 0) };
	const lowerHas = childHit(lowerParent, name) !== undefined;
	let written: FsNode | undefined = node;
	if (node === undefined) written = lowerHas ? WHITEOUT : undefined;
	else if (node.type === 'dir' && lowerHas) {
		// A new directory over a deleted lower one must not show the old content: overlay marks it opaque.
		const inTop = parentHit.dirs[0]?.layer === 0 ? dictGet(parentHit.dirs[0].node.children, name) : undefined;
		if (inTop === undefined || inTop.type === 'whiteout') written = { ...node, opaque: true };
	}
	const meta = (depth: number): DirNode => hitMeta(resolveStack(layers, segs.slice(0, depth)) as DirHit) as DirNode;
	return writeTree(top, segs, written, meta);
}

/** `docker diff` of an upper layer against the layers below it: `A`/`C`/`D` lines, parents first. */
export function diffLayer(upper: DirNode, lower: readonly DirNode[]): string[] {
	const out: string[] = [];
	const walk = (node: DirNode, below: DirHit, prefix: string): void => {
		for (const name of Object.keys(node.children).sort()) {
			const child = node.children[name] as FsNode;
			const path = `${prefix}/${name}`;
			const old = childHit(below, name);
			if (child.type === 'whiteout') {
				if (old !== undefined) out.push(`D ${path}`);
				continue;
			}
			out.push(`${old === undefined ? 'A' : 'C'} ${path}`);
			if (child.type === 'dir') {
				const next: DirHit = old?.type === 'dir' && child.opaque !== true ? old : { type: 'dir', dirs: [] };
				walk(child, next, path);
			}
		}
	};
	walk(upper, rootHit(lower), '');
	return out;
}

/** Apparent size of a tree (sum of file lengths in UTF-8 bytes), as `du --apparent-size` / prune report. */
export function treeSize(node: FsNode): number {
	if (node.type === 'file') return utf8Length(node.content);
	if (node.type === 'whiteout') return 0;
	let total = 0;
	for (const name of Object.keys(node.children)) total += treeSize(node.children[name] as FsNode);
	return total;
}

export function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x80) bytes += 1;
		else if (code < 0x800) bytes += 2;
		else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

export function isEmptyDir(node: DirNode): boolean {
	for (const name in node.children) if (node.children[name]?.type !== 'whiteout') return false;
	return true;
}
