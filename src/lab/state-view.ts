/**
 * The lab's state view, derived from an engine snapshot: the tables (the text-first view and the
 * diagram's text alternative), the changes between two views (for screen-reader announcements and
 * the diagram's animation). Pure; the island renders it.
 */
import type { DirNode, FsNode } from '../rules/core.ts';
import type { Snapshot } from './engine-port.ts';

export interface MountRow {
	readonly type: 'volume' | 'bind' | 'tmpfs';
	/** Volume name (anonymous ones shortened), host path for binds, '' for tmpfs. */
	readonly source: string;
	/** Full volume name or host path, as the engine has it. */
	readonly key: string;
	readonly destination: string;
	readonly readOnly: boolean;
	readonly anonymous: boolean;
}

export interface ContainerRow {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly status: 'created' | 'running' | 'exited';
	readonly mounts: readonly MountRow[];
	/** Paths in the container's writable layer (what `docker diff` would list, roughly). */
	readonly layerEntries: number;
	/** Read-only image layers under the container layer. */
	readonly imageLayers: number;
}

export interface VolumeRow {
	readonly name: string;
	readonly display: string;
	readonly anonymous: boolean;
	readonly usedBy: readonly string[];
	readonly dangling: boolean;
	readonly entries: readonly string[];
}

export interface HostDirRow {
	readonly path: string;
	readonly entries: readonly string[];
}

export interface StateView {
	readonly containers: readonly ContainerRow[];
	readonly volumes: readonly VolumeRow[];
	readonly hostDirs: readonly HostDirRow[];
	/** Host directories left out beyond MAX_HOST_ROWS. */
	readonly hostDirsHidden: number;
}

export const LAB_ROOT = '/tmp/lab';
export const MAX_HOST_ROWS = 40;
const MAX_ENTRIES_SHOWN = 12;

/** An anonymous volume's 64-hex name as docker's short form. */
export function shortName(name: string, anonymous: boolean): string {
	return anonymous && name.length > 12 ? `${name.slice(0, 12)}…` : name;
}

function entryNames(dir: DirNode): string[] {
	const names = Object.keys(dir.children)
		.filter((name) => dir.children[name]?.type !== 'whiteout')
		.sort()
		.map((name) => (dir.children[name]?.type === 'dir' ? `${name}/` : name));
	return names.length > MAX_ENTRIES_SHOWN ? [...names.slice(0, MAX_ENTRIES_SHOWN), `… +${names.length - MAX_ENTRIES_SHOWN}`] : names;
}

/** Paths in a layer, deletions (whiteouts) included: about what `docker diff` lists. */
function countEntries(dir: DirNode): number {
	let total = 0;
	for (const name of Object.keys(dir.children)) {
		const child = dir.children[name];
		total += 1 + (child?.type === 'dir' ? countEntries(child) : 0);
	}
	return total;
}

function dirAt(root: DirNode, path: string): DirNode | undefined {
	let node: FsNode | undefined = root;
	for (const seg of path.split('/').filter(Boolean)) {
		node = node?.type === 'dir' && Object.hasOwn(node.children, seg) ? node.children[seg] : undefined;
	}
	return node?.type === 'dir' ? node : undefined;
}

/** Every directory under /tmp/lab (and the binds' sources elsewhere), parents first. */
function hostDirs(snapshot: Snapshot, extraRoots: readonly string[]): { rows: HostDirRow[]; hidden: number } {
	const rows: HostDirRow[] = [];
	let hidden = 0;
	const seen = new Set<string>();
	const walk = (dir: DirNode, path: string): void => {
		if (seen.has(path)) return;
		seen.add(path);
		if (rows.length >= MAX_HOST_ROWS) {
			hidden++;
		} else {
			rows.push({ path, entries: entryNames(dir) });
		}
		for (const name of Object.keys(dir.children).sort()) {
			const child = dir.children[name];
			if (child?.type === 'dir') walk(child, `${path}/${name}`);
		}
	};
	for (const root of [LAB_ROOT, ...extraRoots]) {
		const dir = dirAt(snapshot.host, root);
		if (dir !== undefined) walk(dir, root);
	}
	return { rows, hidden };
}

/** The tables for a snapshot. */
export function stateView(snapshot: Snapshot): StateView {
	const containers: ContainerRow[] = [];
	const users = new Map<string, string[]>();
	const bindRoots: string[] = [];
	for (const container of Object.values(snapshot.containers)) {
		const image = snapshot.images[container.imageId];
		const mounts: MountRow[] = [];
		for (const mount of container.mounts) {
			if (mount.type === 'volume') users.set(mount.name, [...(users.get(mount.name) ?? []), container.name]);
			if (mount.type === 'bind' && !mount.source.startsWith(`${LAB_ROOT}/`) && mount.source !== LAB_ROOT) bindRoots.push(mount.source);
			mounts.push({
				type: mount.type,
				source: mount.type === 'volume' ? shortName(mount.name, mount.anonymous) : mount.source,
				key: mount.type === 'volume' ? mount.name : mount.source,
				destination: mount.destination,
				readOnly: !mount.rw,
				anonymous: mount.anonymous,
			});
		}
		containers.push({
			id: container.id,
			name: container.name,
			image: container.config.image,
			status: container.state.status,
			mounts,
			layerEntries: countEntries(container.layer),
			imageLayers: image?.layers.length ?? 0,
		});
	}
	const volumes: VolumeRow[] = Object.values(snapshot.volumes).map((volume) => {
		const usedBy = users.get(volume.name) ?? [];
		return {
			name: volume.name,
			display: shortName(volume.name, volume.anonymous),
			anonymous: volume.anonymous,
			usedBy,
			dangling: usedBy.length === 0,
			entries: entryNames(volume.root),
		};
	});
	const host = hostDirs(snapshot, [...new Set(bindRoots)].sort());
	return { containers, volumes, hostDirs: host.rows, hostDirsHidden: host.hidden };
}

/* ---- changes between two views ---- */

export const CHANGE_KINDS = [
	'container.created',
	'container.removed',
	'container.started',
	'container.stopped',
	'volume.created',
	'volume.removed',
	'volume.changed',
	'dir.created',
	'dir.removed',
	'dir.changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
	readonly kind: ChangeKind;
	readonly name: string;
}

/** The file entries of a listing (subdirectories are reported as created or removed themselves). */
const files = (entries: readonly string[]): string => entries.filter((entry) => !entry.endsWith('/')).join('\n');

const byKey = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T> => new Map(rows.map((row) => [key(row), row]));

/** What changed from `before` to `after`, in a stable order (containers, volumes, directories). */
export function changesBetween(before: StateView, after: StateView): Change[] {
	const changes: Change[] = [];
	const oldContainers = byKey(before.containers, (row) => row.id);
	const newContainers = byKey(after.containers, (row) => row.id);
	for (const [id, row] of newContainers) {
		const old = oldContainers.get(id);
		if (old === undefined) changes.push({ kind: row.status === 'running' ? 'container.started' : 'container.created', name: row.name });
		else if (old.status !== 'running' && row.status === 'running') changes.push({ kind: 'container.started', name: row.name });
		else if (old.status === 'running' && row.status !== 'running') changes.push({ kind: 'container.stopped', name: row.name });
	}
	for (const [id, row] of oldContainers) if (!newContainers.has(id)) changes.push({ kind: 'container.removed', name: row.name });
	const oldVolumes = byKey(before.volumes, (row) => row.name);
	const newVolumes = byKey(after.volumes, (row) => row.name);
	for (const [name, row] of newVolumes) {
		const old = oldVolumes.get(name);
		if (old === undefined) changes.push({ kind: 'volume.created', name: row.display });
		else if (old.entries.join('\n') !== row.entries.join('\n')) changes.push({ kind: 'volume.changed', name: row.display });
	}
	for (const [name, row] of oldVolumes) if (!newVolumes.has(name)) changes.push({ kind: 'volume.removed', name: row.display });
	const oldDirs = byKey(before.hostDirs, (row) => row.path);
	const newDirs = byKey(after.hostDirs, (row) => row.path);
	for (const [path, row] of newDirs) {
		const old = oldDirs.get(path);
		if (old === undefined) changes.push({ kind: 'dir.created', name: path });
		else if (files(old.entries) !== files(row.entries)) changes.push({ kind: 'dir.changed', name: path });
	}
	for (const path of oldDirs.keys()) if (!newDirs.has(path)) changes.push({ kind: 'dir.removed', name: path });
	return changes;
}
