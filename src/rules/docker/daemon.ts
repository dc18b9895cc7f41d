/**
 * The daemon side: object lookup, container create/start/stop/remove, mount registration, copy-up,
 * volume reference counting. Functions work on a Draft and return `{ error }` with the daemon's
 * message (without the CLI's "Error response from daemon: " prefix) instead of throwing.
 */
import {
	dictFrom,
	dictGet,
	dictValues,
	dictWith,
	emptyDict,
	flattenHit,
	isEmptyDir,
	pathSegments,
	resolveStack,
	pathString,
	treeFrom,
	writeStack,
	writeTree,
	type Dict,
	type DirNode,
} from '../model/fs.ts';
import { nameFrom } from '../model/ids.ts';
import { volumeMountpoint, type Container, type Image, type Mount, type MountSpec, type Volume } from '../model/state.ts';
import { containerView, destinationSegments, mkdirAt, rootfsLayers, statAt, volumeDevice, writeAt, type Draft } from '../model/world.ts';
import { containerLookup } from '../shell/programs.ts';
import { BLOCKED, type Io, type Proc } from '../shell/shell.ts';

export type Failure = { readonly error: string };
export function isFailure(value: unknown): value is Failure {
	return typeof value === 'object' && value !== null && 'error' in value;
}

// ---- lookup -------------------------------------------------------------------------------------

/** Container by full id, name, or unique id prefix (as the daemon resolves it). */
export function findContainer(draft: Draft, ref: string): Container | Failure {
	const byId = dictGet(draft.containers, ref);
	if (byId !== undefined) return byId;
	const all = dictValues(draft.containers);
	const byName = all.find((container) => container.name === ref || `/${container.name}` === ref);
	if (byName !== undefined) return byName;
	if (ref !== '' && /^[0-9a-f]+$/.test(ref)) {
		const matches = all.filter((container) => container.id.startsWith(ref));
		if (matches.length === 1) return matches[0] as Container;
		if (matches.length > 1) return { error: `multiple containers found with provided prefix: ${ref}` };
	}
	return { error: `No such container: ${ref}` };
}

/** `busybox` → `busybox:latest`. */
export function normalizeTag(ref: string): string {
	const lastSlash = ref.lastIndexOf('/');
	return ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

export function findImage(draft: Draft, ref: string): Image | undefined {
	const tagged = dictGet(draft.tags, normalizeTag(ref));
	if (tagged !== undefined) return dictGet(draft.images, tagged);
	const hex = ref.startsWith('sha256:') ? ref.slice(7) : ref;
	if (hex.length < 4 || !/^[0-9a-f]+$/.test(hex)) return undefined;
	const matches = dictValues(draft.images).filter((image) => image.id.slice(7).startsWith(hex));
	return matches.length === 1 ? matches[0] : undefined;
}

export function imageName(image: Image): string {
	return image.repoTags[0] ?? image.id.slice(7, 19);
}

// ---- volumes ------------------------------------------------------------------------------------

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function validateVolumeName(name: string): Failure | undefined {
	if (name.length === 1) return { error: `create ${name}: volume name is too short, names should be at least two alphanumeric characters` };
	if (!VOLUME_NAME.test(name)) return { error: `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path` };
	return undefined;
}

/** Creates a volume (or returns the existing one with that name). */
export function ensureVolume(draft: Draft, name: string | undefined, labels: Dict<string> | null = null, options: Dict<string> | null = null): Volume | Failure {
	if (name !== undefined) {
		const existing = dictGet(draft.volumes, name);
		if (existing !== undefined) return existing;
		const invalid = validateVolumeName(name);
		if (invalid !== undefined) return invalid;
	}
	const anonymous = name === undefined;
	const volume: Volume = {
		name: name ?? draft.hex64(),
		driver: 'local',
		created: draft.now,
		labels: anonymous && draft.version !== '20.10' ? dictFrom([['com.docker.volume.anonymous', '']]) : labels,
		root: { type: 'dir', children: emptyDict(), mode: 0o755, uid: 0, gid: 0 },
		anonymous,
		options,
	};
	draft.putVolume(volume);
	return volume;
}

/** Ids of the containers (any state) that mount a volume, in creation order. */
export function volumeUsers(draft: Draft, name: string): string[] {
	return dictValues(draft.containers)
		.filter((container) => container.mounts.some((mount) => mount.type === 'volume' && mount.name === name))
		.map((container) => container.id);
}

export function removeVolume(draft: Draft, name: string): Failure | undefined {
	if (dictGet(draft.volumes, name) === undefined) return { error: `get ${name}: no such volume` };
	const users = volumeUsers(draft, name);
	if (users.length > 0) return { error: `remove ${name}: volume is in use - [${users.join(', ')}]` };
	draft.deleteVolume(name);
	return undefined;
}

// ---- mount specs (-v, --mount, --volumes-from) ----------------------------------------------------

const RW_MODES = new Set(['ro', 'rw']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION_MODES = new Set(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);
const CONSISTENCY_MODES = new Set(['consistent', 'cached', 'delegated']);

/** moby linuxValidMountMode. */
export function validMountMode(mode: string): boolean {
	if (mode === '') return true;
	const counts = [0, 0, 0, 0, 0];
	for (const option of mode.split(',')) {
		const kind = RW_MODES.has(option) ? 0 : LABEL_MODES.has(option) ? 1 : PROPAGATION_MODES.has(option) ? 2 : option === 'nocopy' ? 3 : CONSISTENCY_MODES.has(option) ? 4 : -1;
		if (kind < 0) return false;
		counts[kind] = (counts[kind] ?? 0) + 1;
	}
	return counts.every((count) => count <= 1);
}

interface PendingMount {
	readonly mount: Mount;
	readonly copyData: boolean;
	/** Create the bind source at start if it is missing (`-v`, not `--mount`). */
	readonly createSource: boolean;
	/** Volume to create: `null` = anonymous, a string = named. */
	readonly create?: string | null;
}

function cleanPath(path: string): string {
	const segs = destinationSegments(path);
	return path.startsWith('/') ? `/${segs.join('/')}` : segs.join('/');
}

/** moby ParseMountRaw for one HostConfig.Binds entry. */
function parseBind(raw: string): PendingMount | Failure {
	const invalid = { error: `invalid volume specification: '${raw}'` };
	const parts = raw.split(':');
	if (parts[0] === '' || parts.length > 3) return invalid;
	let [source, target] = parts.length === 1 ? ['', parts[0] as string] : [parts[0] as string, parts[1] as string];
	const mode = parts[2] ?? '';
	if (parts.length === 2 && validMountMode(target)) return invalid;
	if (!validMountMode(mode)) return { error: `invalid mode: ${mode}` };
	const isBind = source.startsWith('/');
	const kind = isBind ? 'bind' : 'volume';
	const fail = (reason: string): Failure => ({ error: `invalid volume specification: '${raw}': invalid mount config for type "${kind}": ${reason}` });
	if (target === '') return fail('field Target must not be empty');
	if (cleanPath(target) === '/') return fail("invalid specification: destination can't be '/'");
	if (!target.startsWith('/')) return fail(`invalid mount path: '${target}' mount path must be absolute`);
	const options = mode.split(',');
	const readOnly = options.includes('ro');
	target = cleanPath(target);
	if (isBind) {
		const propagation = options.find((option) => PROPAGATION_MODES.has(option)) ?? 'rprivate';
		source = cleanPath(source);
		return { mount: { type: 'bind', name: '', source, destination: target, driver: '', mode, rw: !readOnly, propagation, anonymous: false }, copyData: false, createSource: true };
	}
	return {
		mount: { type: 'volume', name: source, source: volumeMountpoint(source), destination: target, driver: 'local', mode: mode === '' ? 'z' : mode, rw: !readOnly, propagation: '', anonymous: false },
		copyData: !options.includes('nocopy'),
		createSource: false,
		create: source,
	};
}

/** moby validateMountConfig + parseMountSpec for one `--mount`. */
function parseMountSpec(draft: Draft, spec: MountSpec): PendingMount | Failure {
	const fail = (reason: string): Failure => ({ error: `invalid mount config for type "${spec.type}": ${reason}` });
	if (spec.target === '') return fail('field Target must not be empty');
	if (cleanPath(spec.target) === '/') return fail("invalid specification: destination can't be '/'");
	if (!spec.target.startsWith('/')) return fail(`invalid mount path: '${spec.target}' mount path must be absolute`);
	const destination = cleanPath(spec.target);
	if (spec.type === 'bind') {
		if (spec.source === '') return fail('field Source must not be empty');
		if (!spec.source.startsWith('/')) return fail(`invalid mount path: '${spec.source}' mount path must be absolute`);
		const source = cleanPath(spec.source);
		if (typeof statAt(draft, { root: { kind: 'host' }, mounts: [], hostVolumes: true }, pathSegments(source)) === 'string') return fail(`bind source path does not exist: ${source}`);
		return { mount: { type: 'bind', name: '', source, destination, driver: '', mode: '', rw: !spec.readOnly, propagation: 'rprivate', anonymous: false }, copyData: false, createSource: false };
	}
	if (spec.type === 'tmpfs') {
		if (spec.source !== '') return fail('field Source must not be specified');
		return { mount: { type: 'tmpfs', name: '', source: '', destination, driver: '', mode: '', rw: !spec.readOnly, propagation: '', anonymous: false }, copyData: false, createSource: false };
	}
	if (spec.type !== 'volume') return fail('mount type unknown');
	if (spec.source === '' && spec.readOnly) return fail('must not set ReadOnly mode when using anonymous volumes');
	const anonymous = spec.source === '';
	// The daemon gives every local-driver volume mount without a mode the SELinux mode `z` (setBindModeIfNull).
	return {
		mount: { type: 'volume', name: spec.source, source: '', destination, driver: 'local', mode: 'z', rw: !spec.readOnly, propagation: '', anonymous },
		copyData: !spec.noCopy,
		createSource: false,
		create: anonymous ? null : spec.source,
	};
}

export interface CreateRequest {
	readonly name: string | undefined;
	readonly imageRef: string;
	readonly cmd: readonly string[];
	readonly entrypoint: string | undefined;
	readonly env: readonly string[];
	readonly workingDir: string | undefined;
	readonly tty: boolean;
	readonly openStdin: boolean;
	readonly autoRemove: boolean;
	/** HostConfig.Binds (sources with a name or a path). */
	readonly binds: readonly string[];
	/** Config.Volumes from `-v /path` (no source). */
	readonly volumes: readonly string[];
	readonly mounts: readonly MountSpec[];
	readonly volumesFrom: readonly string[];
	readonly tmpfs: Dict<string>;
}

const CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

function mergeEnv(base: readonly string[], extra: readonly string[]): string[] {
	const out = new Map<string, string>();
	for (const entry of [...base, ...extra]) {
		const eq = entry.indexOf('=');
		if (eq < 0) continue;
		out.set(entry.slice(0, eq), entry);
	}
	return [...out.values()];
}

/** The daemon's POST /containers/create. */
export function createContainer(draft: Draft, request: CreateRequest, image: Image): Container | Failure {
	// Host-config validation comes before the name is reserved, as in the daemon.
	const pendings: PendingMount[] = [];
	const seen = new Set<string>();
	for (const bind of request.binds) {
		const parsed = parseBind(bind);
		if (isFailure(parsed)) return parsed;
		pendings.push(parsed);
	}
	for (const spec of request.mounts) {
		const parsed = parseMountSpec(draft, spec);
		if (isFailure(parsed)) return parsed;
		pendings.push(parsed);
	}
	if (request.name !== undefined) {
		if (!CONTAINER_NAME.test(request.name)) return { error: `Invalid container name (${request.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed` };
		const wanted = request.name.replace(/^\//, '');
		const holder = dictValues(draft.containers).find((container) => container.name === wanted);
		if (holder !== undefined) return { error: `Conflict. The container name "/${holder.name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.` };
	}
	const entrypoint = request.entrypoint !== undefined ? (request.entrypoint === '' ? null : [request.entrypoint]) : image.config.entrypoint;
	const cmd = request.cmd.length > 0 ? request.cmd : request.entrypoint !== undefined ? null : image.config.cmd;
	const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
	if (argv.length === 0) return { error: 'No command specified' };

	const id = draft.hex64();
	const name = request.name?.replace(/^\//, '') ?? uniqueName(draft);
	// registerMountPoints: volumes-from first, then binds and mounts (which may replace them), then Config.Volumes.
	const mounts = new Map<string, { mount: Mount; copyData: boolean; createSource: boolean }>();
	for (const spec of request.volumesFrom) {
		const colon = spec.indexOf(':');
		const ref = colon < 0 ? spec : spec.slice(0, colon);
		const mode = colon < 0 ? '' : spec.slice(colon + 1);
		if (!validMountMode(mode) || mode.split(',').some((option) => PROPAGATION_MODES.has(option) || option === 'nocopy')) return { error: `invalid mode: ${mode}` };
		const source = findContainer(draft, ref);
		if (isFailure(source)) return source;
		const readOnly = mode.split(',').includes('ro');
		for (const mount of source.mounts) {
			if (mount.hidden === true) continue;
			mounts.set(mount.destination, { mount: { ...mount, mode: '', rw: mount.rw && !readOnly }, copyData: false, createSource: false });
		}
	}
	for (const pending of pendings) {
		if (seen.has(pending.mount.destination)) return { error: `Duplicate mount point: ${pending.mount.destination}` };
		seen.add(pending.mount.destination);
		let mount = pending.mount;
		if (pending.create !== undefined) {
			const volume = ensureVolume(draft, pending.create ?? undefined);
			if (isFailure(volume)) return volume;
			mount = { ...mount, name: volume.name, source: volumeMountpoint(volume.name) };
		}
		mounts.set(mount.destination, { mount, copyData: pending.copyData, createSource: pending.createSource });
	}
	const configVolumes = [...new Set([...image.config.volumes, ...request.volumes])];
	for (const spec of configVolumes) {
		const destination = cleanPath(spec);
		if (mounts.has(destination)) continue;
		const volume = ensureVolume(draft, undefined) as Volume;
		mounts.set(destination, {
			mount: { type: 'volume', name: volume.name, source: volumeMountpoint(volume.name), destination, driver: 'local', mode: '', rw: true, propagation: '', anonymous: true },
			copyData: true,
			createSource: false,
		});
	}
	for (const destination of Object.keys(request.tmpfs)) {
		const clean = cleanPath(destination);
		if (mounts.has(clean)) return { error: `Duplicate mount point: ${clean}` };
		mounts.set(clean, { mount: { type: 'tmpfs', name: '', source: '', destination: clean, driver: '', mode: '', rw: true, propagation: '', anonymous: false, hidden: true }, copyData: false, createSource: false });
	}

	const env = mergeEnv(image.config.env, request.env);
	const short = id.slice(0, 12);
	const container: Container = {
		id,
		name,
		created: draft.now,
		imageId: image.id,
		path: argv[0] as string,
		args: argv.slice(1),
		config: {
			image: request.imageRef,
			cmd,
			entrypoint,
			env,
			workingDir: request.workingDir ?? image.config.workingDir,
			tty: request.tty,
			openStdin: request.openStdin,
			volumes: configVolumes,
		},
		hostConfig: {
			binds: request.binds.length > 0 ? request.binds : null,
			autoRemove: request.autoRemove,
			volumesFrom: request.volumesFrom.length > 0 ? request.volumesFrom : null,
			tmpfs: Object.keys(request.tmpfs).length > 0 ? request.tmpfs : null,
			mounts: request.mounts,
		},
		state: { status: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, stopsOnTerm: false },
		layer: { type: 'dir', children: emptyDict(), mode: 0o755, uid: 0, gid: 0 },
		init: writeTree(INIT_LAYER, ['etc', 'hostname'], { type: 'file', content: `${short}\n`, mode: 0o644, uid: 0, gid: 0 }),
		mounts: [...mounts.values()].map((entry) => entry.mount),
		tmpfs: dictFrom([...mounts.values()].filter((entry) => entry.mount.type === 'tmpfs').map((entry) => [entry.mount.destination, emptyTmpfs()] as const)),
		logs: { stdout: '', stderr: '' },
	};
	draft.putContainer(container);
	populateVolumes(draft, container, [...mounts.values()]);
	return dictGet(draft.containers, id) as Container;
}

/** Docker's per-container init layer (the hostname file is added per container). */
const INIT_LAYER = treeFrom({ '.dockerenv': '', 'dev/': null, 'proc/': null, 'sys/': null, 'etc/hosts': '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n', 'etc/resolv.conf': 'nameserver 127.0.0.11\n' });

function emptyTmpfs(): DirNode {
	return { type: 'dir', children: emptyDict(), mode: 0o1777, uid: 0, gid: 0 };
}

function uniqueName(draft: Draft): string {
	const taken = new Set(dictValues(draft.containers).map((container) => container.name));
	for (;;) {
		const name = nameFrom(draft.random() % 640);
		if (!taken.has(name)) return name;
	}
}

/** Copy-up: an empty volume mounted where the image has content gets that content (at create only). */
function populateVolumes(draft: Draft, container: Container, mounts: ReadonlyArray<{ mount: Mount; copyData: boolean }>): void {
	const layers = rootfsLayers(container, draft.images);
	for (const { mount, copyData } of mounts) {
		if (mount.type !== 'volume' || !copyData) continue;
		const volume = dictGet(draft.volumes, mount.name) as Volume;
		const device = volumeDevice(volume);
		const data = device === undefined ? volume.root : resolveStack([draft.host], device);
		const empty = typeof data !== 'string' && data.type === 'dir' && ('children' in data ? isEmptyDir(data) : data.dirs.every((entry) => isEmptyDir(entry.node)));
		if (!empty) continue;
		const hit = resolveStack(layers, destinationSegments(mount.destination));
		if (typeof hit === 'string' || hit.type !== 'dir') continue;
		if (device === undefined) draft.putVolume({ ...volume, root: flattenHit(hit) });
		else draft.setTop({ kind: 'host' }, writeStack([draft.host], device, flattenHit(hit)));
	}
}

// ---- run / stop / remove ------------------------------------------------------------------------

export interface RunOutput {
	readonly stdout: string;
	readonly stderr: string;
	/** Exit code, or undefined while the container keeps running. */
	readonly exitCode: number | undefined;
}

function ociError(path: string): Failure {
	const detail = path.includes('/') ? `exec: "${path}": stat ${path}: no such file or directory` : `exec: "${path}": executable file not found in $PATH`;
	return { error: `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${detail}: unknown` };
}

/** Makes mount points, bind sources (`-v` only) and the working directory, as runc does at start. */
function prepareRootfs(draft: Draft, container: Container): Failure | undefined {
	for (const mount of container.mounts) {
		const device = mount.type === 'volume' ? volumeDevice(dictGet(draft.volumes, mount.name)) : undefined;
		if (device !== undefined && typeof resolveStack([draft.host], device) === 'string') {
			const path = pathString(device);
			return { error: `error while mounting volume '${mount.source}': failed to mount local volume: mount ${path}:${mount.source}, flags: 0x1000: no such file or directory` };
		}
	}
	const host = { root: { kind: 'host' } as const, mounts: [], hostVolumes: true };
	const sorted = [...container.mounts].sort((a, b) => destinationSegments(a.destination).length - destinationSegments(b.destination).length);
	const binds = new Set(container.hostConfig.binds ?? []);
	for (let index = 0; index < sorted.length; index++) {
		const mount = sorted[index] as Mount;
		const partial = containerView({ ...container, mounts: sorted.slice(0, index) });
		const segs = destinationSegments(mount.destination);
		let sourceIsFile = false;
		if (mount.type === 'bind') {
			const sourceSegs = pathSegments(mount.source);
			const source = statAt(draft, host, sourceSegs);
			const fromDashV = [...binds].some((bind) => bind.split(':')[0] !== undefined && cleanPath(bind.split(':')[0] as string) === mount.source);
			if (typeof source === 'string') {
				if (!fromDashV) return { error: `invalid mount config for type "bind": bind source path does not exist: ${mount.source}` };
				mkdirAll(draft, host, sourceSegs);
			} else sourceIsFile = source.type === 'file';
		}
		const target = statAt(draft, partial, segs);
		if (typeof target !== 'string' && (target.type === 'file') !== sourceIsFile) {
			return {
				error: `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "${mount.source}" to rootfs at "${mount.destination}": mount ${mount.source}:${mount.destination} (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
			};
		}
		if (typeof target === 'string') {
			mkdirAll(draft, partial, segs.slice(0, -1));
			if (sourceIsFile) writeAt(draft, partial, segs, '');
			else mkdirAt(draft, partial, segs);
		}
	}
	const view = containerView(dictGet(draft.containers, container.id) as Container);
	mkdirAll(draft, view, destinationSegments(container.config.workingDir));
	return undefined;
}

function mkdirAll(draft: Draft, view: Parameters<typeof statAt>[1], segs: readonly string[]): void {
	for (let depth = 1; depth <= segs.length; depth++) {
		if (typeof statAt(draft, view, segs.slice(0, depth)) === 'string') mkdirAt(draft, view, segs.slice(0, depth));
	}
}

/** Builds a process inside a container (main process, or `docker exec`). */
export function containerProc(draft: Draft, container: Container, options: { main: boolean; cwd?: string; env?: readonly string[] }): Proc {
	const env = new Map<string, string>();
	for (const entry of mergeEnv(container.config.env, options.env ?? [])) {
		const eq = entry.indexOf('=');
		env.set(entry.slice(0, eq), entry.slice(eq + 1));
	}
	if (!env.has('PATH')) env.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
	env.set('HOSTNAME', container.id.slice(0, 12));
	if (!env.has('HOME')) env.set('HOME', '/root');
	return {
		draft,
		view: containerView(container),
		cwd: options.cwd ?? (container.config.workingDir === '' ? '/' : container.config.workingDir),
		env,
		gnu: false,
		main: options.main,
		interactive: container.config.tty || container.config.openStdin,
		hostname: container.id.slice(0, 12),
		lastStatus: 0,
		exited: undefined,
		stopsOnTerm: false,
		depth: 0,
		lookup: containerLookup,
	};
}

/** Starts a created or exited container and runs its process to completion (or until it blocks). */
export function startContainer(draft: Draft, ref: Container): RunOutput | Failure {
	const prepared = prepareRootfs(draft, ref);
	if (prepared !== undefined) return prepared;
	let container = dictGet(draft.containers, ref.id) as Container;
	const tmpfs = dictFrom(Object.keys(container.tmpfs).map((dest) => [dest, emptyTmpfs()] as const));
	container = { ...container, tmpfs };
	draft.putContainer(container);
	const proc = containerProc(draft, container, { main: true });
	const argv = [container.path, ...container.args];
	const program = containerLookup(proc, container.path);
	if (program === 'missing') return ociError(container.path);
	const io: Io = { stdin: '', out: [], err: [] };
	const status = program === 'unmodelled' ? (io.err.push(`${container.path}: this program is not modelled by the simulator\n`), 127) : program(proc, argv, io);
	const stdout = io.out.join('');
	const stderr = io.err.join('');
	const current = dictGet(draft.containers, container.id) as Container;
	const logs = { stdout: current.logs.stdout + stdout, stderr: current.logs.stderr + stderr };
	const running = status === BLOCKED;
	draft.putContainer({
		...current,
		logs,
		state: running
			? { status: 'running', exitCode: 0, startedAt: draft.now, finishedAt: current.state.finishedAt, stopsOnTerm: proc.stopsOnTerm }
			: { status: 'exited', exitCode: status, startedAt: draft.now, finishedAt: draft.now, stopsOnTerm: false },
	});
	if (!running) releaseVolumes(draft, container);
	if (!running && container.hostConfig.autoRemove) removeContainer(draft, container.id, { volumes: true });
	return { stdout, stderr, exitCode: running ? undefined : status };
}

/** A `type=tmpfs` local volume loses its content when the last running container unmounts it. */
function releaseVolumes(draft: Draft, container: Container): void {
	for (const mount of container.mounts) {
		const volume = mount.type === 'volume' ? dictGet(draft.volumes, mount.name) : undefined;
		if (volume === undefined || volume.options === null || dictGet(volume.options, 'type') !== 'tmpfs') continue;
		const stillMounted = dictValues(draft.containers).some((other) => other.id !== container.id && other.state.status === 'running' && other.mounts.some((m) => m.name === volume.name));
		if (!stillMounted) draft.putVolume({ ...volume, root: { ...volume.root, children: emptyDict() } });
	}
}

/** Stops (SIGTERM, then SIGKILL) or kills a running container; tmpfs content is lost. */
export function stopContainer(draft: Draft, container: Container, signal: 'TERM' | 'KILL'): void {
	if (container.state.status !== 'running') return;
	const exitCode = signal === 'TERM' && container.state.stopsOnTerm ? 0 : 137;
	const tmpfs = dictFrom(Object.keys(container.tmpfs).map((dest) => [dest, emptyTmpfs()] as const));
	draft.putContainer({ ...container, tmpfs, state: { ...container.state, status: 'exited', exitCode, finishedAt: draft.now, stopsOnTerm: false } });
	releaseVolumes(draft, container);
	if (container.hostConfig.autoRemove) removeContainer(draft, container.id, { volumes: true });
}

/** Removes a container; with `volumes`, its anonymous volumes that no other container uses. */
export function removeContainer(draft: Draft, id: string, options: { volumes: boolean }): void {
	const container = dictGet(draft.containers, id);
	if (container === undefined) return;
	draft.deleteContainer(id);
	if (!options.volumes) return;
	for (const mount of container.mounts) {
		if (mount.type !== 'volume' || !mount.anonymous || dictGet(draft.volumes, mount.name) === undefined) continue;
		if (volumeUsers(draft, mount.name).length === 0) draft.deleteVolume(mount.name);
	}
}

/** Unused volumes (no container, in any state, mounts them). */
export function unusedVolumes(draft: Draft): Volume[] {
	const used = new Set(dictValues(draft.containers).flatMap((container) => container.mounts.filter((mount) => mount.type === 'volume').map((mount) => mount.name)));
	return dictValues(draft.volumes).filter((volume) => !used.has(volume.name));
}

export function withLabels(labels: readonly string[]): Dict<string> | null {
	if (labels.length === 0) return null;
	let out: Dict<string> = emptyDict();
	for (const label of labels) {
		const eq = label.indexOf('=');
		out = dictWith(out, eq < 0 ? label : label.slice(0, eq), eq < 0 ? '' : label.slice(eq + 1));
	}
	return out;
}
