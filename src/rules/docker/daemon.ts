/**
 * The daemon side: object lookup, container create/start/stop/remove, mount registration, copy-up,
 * volume reference counting. Functions work on a Draft and return `{ error }` with the daemon's
 * message (without the CLI's "Error response from daemon: " prefix) instead of throwing.
 */
import { dictFrom, dictGet, dictValues, dictWith, dir, emptyDict, flattenHit, isEmptyDir, pathSegments, resolveStack, treeFrom, writeStack, writeTree, type Dict, type DirNode } from '../model/fs.ts';
import { nameFrom } from '../model/ids.ts';
import { volumeMountpoint, type Container, type Image, type Mount, type MountSpec, type MountType, type Volume } from '../model/state.ts';
import { containerView, HOST_VIEW, imageLayers, mkdirAt, mkdirp, rootfsLayers, statAt, volumeDevice, writeAt, type Draft } from '../model/world.ts';
import { containerLookup } from '../shell/programs.ts';
import { BLOCKED, type Io, type Proc } from '../shell/shell.ts';
import { extensionMounts } from '../extensions.ts';

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
	const matches = /^[0-9a-f]+$/.test(ref) ? all.filter((container) => container.id.startsWith(ref)) : [];
	if (matches.length > 1) return { error: `multiple containers found with provided prefix: ${ref}` };
	return matches[0] ?? { error: `No such container: ${ref}` };
}

/** `busybox` → `busybox:latest`. */
export function normalizeTag(ref: string): string {
	return ref.slice(ref.lastIndexOf('/') + 1).includes(':') ? ref : `${ref}:latest`;
}

export function findImage(draft: Draft, ref: string): Image | undefined {
	const tagged = dictGet(draft.tags, normalizeTag(ref));
	if (tagged !== undefined) return dictGet(draft.images, tagged);
	const hex = ref.replace(/^sha256:/, '');
	if (!/^[0-9a-f]{4,}$/.test(hex)) return undefined;
	const matches = dictValues(draft.images).filter((image) => image.id.startsWith(hex, 7));
	return matches.length === 1 ? matches[0] : undefined;
}

// ---- volumes ------------------------------------------------------------------------------------

export function validateVolumeName(name: string): Failure | undefined {
	if (name.length === 1) return { error: `create ${name}: volume name is too short, names should be at least two alphanumeric characters` };
	if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return { error: `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path` };
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
		labels: anonymous && draft.version !== '20.10' ? { 'com.docker.volume.anonymous': '' } : labels,
		root: dir(),
		anonymous,
		options,
	};
	draft.putVolume(volume);
	return volume;
}

/** Whether a container mounts the volume `name`. */
/** Whether a container mounts the volume of that name. */
export const mountsVolume = (container: Container, name: string): boolean => container.mounts.some((mount) => mount.type === 'volume' && mount.name === name);

export function removeVolume(draft: Draft, name: string): Failure | undefined {
	if (dictGet(draft.volumes, name) === undefined) return { error: `get ${name}: no such volume` };
	const users = dictValues(draft.containers).filter((container) => mountsVolume(container, name));
	if (users.length > 0) return { error: `remove ${name}: volume is in use - [${users.map((container) => container.id).join(', ')}]` };
	draft.deleteVolume(name);
	return undefined;
}

// ---- mount specs (-v, --mount, --volumes-from) ----------------------------------------------------

const PROPAGATION = /^r?(private|shared|slave)$/;
/** Mode options by kind: rw/ro, SELinux label, propagation, nocopy, consistency (at most one of each). */
const MODE_KINDS: readonly RegExp[] = [/^r[ow]$/, /^[zZ]$/, PROPAGATION, /^nocopy$/, /^(consistent|cached|delegated)$/];

/** moby linuxValidMountMode. */
export function validMountMode(mode: string): boolean {
	if (mode === '') return true;
	const options = mode.split(',');
	return options.every((option) => MODE_KINDS.some((kind) => kind.test(option))) && MODE_KINDS.every((kind) => options.filter((option) => kind.test(option)).length <= 1);
}

/** A mount as the daemon records it; `fields` overrides the defaults. */
export function mountOf(type: MountType, destination: string, fields: Partial<Mount>): Mount {
	return { type, name: '', source: '', destination, driver: type === 'volume' ? 'local' : '', mode: '', rw: true, propagation: '', anonymous: false, ...fields };
}

export interface PendingMount {
	readonly mount: Mount;
	/** Copy the image's content into an empty volume. */
	readonly copy: boolean;
	/** Volume to create: `null` = anonymous, a string = named, undefined = none. */
	readonly create: string | null | undefined;
}

export const pending = (mount: Mount, copy = false, create?: string | null): PendingMount => ({ mount, copy, create });

export function cleanPath(path: string): string {
	return (path.startsWith('/') ? '/' : '') + pathSegments(path).join('/');
}

/** The daemon's checks of a mount destination; `fail` words the error for the mount's kind. */
export function checkTarget(target: string, fail: (reason: string) => Failure): Failure | undefined {
	if (target === '') return fail('field Target must not be empty');
	if (cleanPath(target) === '/') return fail("invalid specification: destination can't be '/'");
	if (!target.startsWith('/')) return fail(`invalid mount path: '${target}' mount path must be absolute`);
	return undefined;
}

/** moby ParseMountRaw for one HostConfig.Binds entry. */
function parseBind(raw: string): PendingMount | Failure {
	const invalid = `invalid volume specification: '${raw}'`;
	const parts = raw.split(':');
	if (parts[0] === '' || parts.length > 3) return { error: invalid };
	const [source, target] = parts.length === 1 ? ['', raw] : (parts as [string, string]);
	const mode = parts[2] ?? '';
	if (parts.length === 2 && validMountMode(target)) return { error: invalid };
	if (!validMountMode(mode)) return { error: `invalid mode: ${mode}` };
	const isBind = source.startsWith('/');
	const bad = checkTarget(target, (reason) => ({ error: `${invalid}: invalid mount config for type "${isBind ? 'bind' : 'volume'}": ${reason}` }));
	if (bad !== undefined) return bad;
	const options = mode.split(',');
	const rw = !options.includes('ro');
	const destination = cleanPath(target);
	if (isBind) return pending(mountOf('bind', destination, { source: cleanPath(source), mode, rw, propagation: options.find((option) => PROPAGATION.test(option)) ?? 'rprivate' }));
	return pending(mountOf('volume', destination, { name: source, source: volumeMountpoint(source), mode: mode || 'z', rw }), !options.includes('nocopy'), source);
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

/** `KEY=VALUE` entries, a later one replacing an earlier one with the same key. */
function mergeEnv(base: readonly string[], extra: readonly string[]): string[] {
	const out = new Map<string, string>();
	for (const entry of [...base, ...extra]) if (entry.includes('=')) out.set(entry.slice(0, entry.indexOf('=')), entry);
	return [...out.values()];
}

/** The daemon's POST /containers/create. */
export function createContainer(draft: Draft, request: CreateRequest, image: Image): Container | Failure {
	// Host-config validation comes before the name is reserved, as in the daemon.
	const pendings: PendingMount[] = [];
	for (const parsed of [...request.binds.map(parseBind), ...request.mounts.map((spec) => extensionMounts().parseMountSpec(draft, spec))]) {
		if (isFailure(parsed)) return parsed;
		pendings.push(parsed);
	}
	const name = request.name?.replace(/^\//, '');
	if (name !== undefined) {
		if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(request.name as string)) return { error: `Invalid container name (${request.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed` };
		const holder = dictValues(draft.containers).find((container) => container.name === name);
		if (holder !== undefined) return { error: `Conflict. The container name "/${name}" is already in use by container "${holder.id}". You have to remove (or rename) that container to be able to reuse that name.` };
	}
	const given = request.entrypoint;
	const entrypoint = given === undefined ? image.config.entrypoint : given === '' ? null : [given];
	const cmd = request.cmd.length > 0 ? request.cmd : given === undefined ? image.config.cmd : null;
	const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
	if (argv.length === 0) return { error: 'No command specified' };

	// A teaching image's files come with its extension: make sure they are there before anything is created.
	imageLayers(image);
	const id = draft.hex64();
	const containerName = name ?? uniqueName(draft);
	// registerMountPoints: volumes-from first, then binds and mounts (which may replace them), then Config.Volumes.
	const byDestination = new Map<string, PendingMount>();
	for (const spec of request.volumesFrom) {
		const [ref = '', mode = ''] = spec.split(/:(.*)/s);
		const options = mode.split(',');
		if (!validMountMode(mode) || options.some((option) => PROPAGATION.test(option) || option === 'nocopy')) return { error: `invalid mode: ${mode}` };
		const source = findContainer(draft, ref);
		if (isFailure(source)) return source;
		for (const mount of source.mounts) if (mount.hidden !== true) byDestination.set(mount.destination, pending({ ...mount, mode: '', rw: mount.rw && !options.includes('ro') }));
	}
	const seen = new Set<string>();
	for (const entry of pendings) {
		const { destination } = entry.mount;
		if (seen.has(destination)) return { error: `Duplicate mount point: ${destination}` };
		seen.add(destination);
		let mount = entry.mount;
		if (entry.create !== undefined) {
			const volume = ensureVolume(draft, entry.create ?? undefined);
			if (isFailure(volume)) return volume;
			mount = { ...mount, name: volume.name, source: volumeMountpoint(volume.name) };
		}
		byDestination.set(destination, pending(mount, entry.copy));
	}
	const configVolumes = [...new Set([...image.config.volumes, ...request.volumes])];
	for (const spec of configVolumes) {
		const destination = cleanPath(spec);
		if (byDestination.has(destination)) continue;
		const volume = ensureVolume(draft, undefined) as Volume;
		byDestination.set(destination, pending(mountOf('volume', destination, { name: volume.name, source: volumeMountpoint(volume.name), anonymous: true }), true));
	}
	for (const spec of Object.keys(request.tmpfs)) {
		const destination = cleanPath(spec);
		if (byDestination.has(destination)) return { error: `Duplicate mount point: ${destination}` };
		byDestination.set(destination, pending(mountOf('tmpfs', destination, { hidden: true })));
	}

	const all = [...byDestination.values()];
	const container: Container = {
		id,
		name: containerName,
		created: draft.now,
		imageId: image.id,
		path: argv[0] as string,
		args: argv.slice(1),
		config: {
			image: request.imageRef,
			cmd,
			entrypoint,
			env: mergeEnv(image.config.env, request.env),
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
		layer: dir(),
		init: writeTree(INIT_LAYER, ['etc', 'hostname'], { type: 'file', content: `${id.slice(0, 12)}\n`, mode: 0o644, uid: 0, gid: 0 }),
		mounts: all.map((pending) => pending.mount),
		tmpfs: emptyTmpfs(all.filter((pending) => pending.mount.type === 'tmpfs').map((pending) => pending.mount.destination)),
		logs: { stdout: '', stderr: '' },
	};
	draft.putContainer(container);
	populateVolumes(draft, container, all);
	return dictGet(draft.containers, id) as Container;
}

/** Docker's per-container init layer (the hostname file is added per container). */
const INIT_LAYER = treeFrom({ '.dockerenv': '', 'dev/': null, 'proc/': null, 'sys/': null, 'etc/hosts': '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n', 'etc/resolv.conf': 'nameserver 127.0.0.11\n' });

/** Fresh, empty tmpfs content for each destination. */
function emptyTmpfs(destinations: readonly string[]): Dict<DirNode> {
	return dictFrom(destinations.map((destination) => [destination, dir(emptyDict(), 0o1777)] as const));
}

function uniqueName(draft: Draft): string {
	const taken = new Set(dictValues(draft.containers).map((container) => container.name));
	for (;;) {
		const name = nameFrom(draft.random() % 640);
		if (!taken.has(name)) return name;
	}
}

/** Copy-up: an empty volume mounted where the image has content gets that content (at create only). */
function populateVolumes(draft: Draft, container: Container, pendings: readonly PendingMount[]): void {
	const layers = rootfsLayers(container, draft.images);
	for (const { mount, copy } of pendings) {
		if (mount.type !== 'volume' || !copy) continue;
		const volume = dictGet(draft.volumes, mount.name) as Volume;
		const device = volumeDevice(volume);
		const data = device === undefined ? volume.root : resolveStack([draft.host], device);
		const empty = typeof data !== 'string' && data.type === 'dir' && ('children' in data ? isEmptyDir(data) : data.dirs.every((entry) => isEmptyDir(entry.node)));
		const hit = resolveStack(layers, pathSegments(mount.destination));
		if (!empty || typeof hit === 'string' || hit.type !== 'dir') continue;
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

const RUNC = 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

/** Makes mount points, bind sources (`-v` only) and the working directory, as runc does at start. */
function prepareRootfs(draft: Draft, container: Container): Failure | undefined {
	for (const mount of container.mounts) {
		const device = mount.type === 'volume' ? volumeDevice(dictGet(draft.volumes, mount.name)) : undefined;
		if (device !== undefined && typeof resolveStack([draft.host], device) === 'string') {
			return { error: `error while mounting volume '${mount.source}': failed to mount local volume: mount /${device.join('/')}:${mount.source}, flags: 0x1000: no such file or directory` };
		}
	}
	const sorted = [...container.mounts].sort((a, b) => pathSegments(a.destination).length - pathSegments(b.destination).length);
	const dashV = (container.hostConfig.binds ?? []).map((bind) => cleanPath(bind.split(':')[0] as string));
	for (let index = 0; index < sorted.length; index++) {
		const mount = sorted[index] as Mount;
		const partial = containerView({ ...container, mounts: sorted.slice(0, index) });
		const segs = pathSegments(mount.destination);
		let sourceIsFile = false;
		if (mount.type === 'bind') {
			const sourceSegs = pathSegments(mount.source);
			const source = statAt(draft, HOST_VIEW, sourceSegs);
			if (typeof source !== 'string') sourceIsFile = source.type === 'file';
			else if (dashV.includes(mount.source)) mkdirp(draft, HOST_VIEW, sourceSegs);
			else return { error: `invalid mount config for type "bind": bind source path does not exist: ${mount.source}` };
		}
		const target = statAt(draft, partial, segs);
		if (typeof target !== 'string' && (target.type === 'file') !== sourceIsFile) {
			return {
				error: `${RUNC}error during container init: error mounting "${mount.source}" to rootfs at "${mount.destination}": mount ${mount.source}:${mount.destination} (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type`,
			};
		}
		if (typeof target === 'string') {
			mkdirp(draft, partial, segs.slice(0, -1));
			if (sourceIsFile) writeAt(draft, partial, segs, '');
			else mkdirAt(draft, partial, segs);
		}
	}
	mkdirp(draft, containerView(dictGet(draft.containers, container.id) as Container), pathSegments(container.config.workingDir));
	return undefined;
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Builds a process inside a container (main process, or `docker exec`). */
export function containerProc(draft: Draft, container: Container, options: { main: boolean; cwd?: string; env?: readonly string[] }): Proc {
	const hostname = container.id.slice(0, 12);
	const env = new Map(mergeEnv(container.config.env, options.env ?? []).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
	if (!env.has('PATH')) env.set('PATH', PATH);
	env.set('HOSTNAME', hostname);
	if (!env.has('HOME')) env.set('HOME', '/root');
	return {
		draft,
		view: containerView(container),
		cwd: options.cwd ?? (container.config.workingDir || '/'),
		env,
		gnu: false,
		main: options.main,
		interactive: container.config.tty || container.config.openStdin,
		hostname,
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
	container = { ...container, tmpfs: emptyTmpfs(Object.keys(container.tmpfs)) };
	draft.putContainer(container);
	const proc = containerProc(draft, container, { main: true });
	const { path } = container;
	const program = containerLookup(proc, path);
	if (program === 'missing') return { error: `${RUNC}exec: "${path}": ${path.includes('/') ? `stat ${path}: no such file or directory` : 'executable file not found in $PATH'}: unknown` };
	const io: Io = { stdin: '', out: [], err: [] };
	const status = program === 'unmodelled' ? (io.err.push(`${path}: this program is not modelled by the simulator\n`), 127) : program(proc, [path, ...container.args], io);
	const stdout = io.out.join('');
	const stderr = io.err.join('');
	const current = dictGet(draft.containers, container.id) as Container;
	const running = status === BLOCKED;
	const now = draft.now;
	draft.putContainer({
		...current,
		logs: { stdout: current.logs.stdout + stdout, stderr: current.logs.stderr + stderr },
		state: running ? { status: 'running', exitCode: 0, startedAt: now, finishedAt: current.state.finishedAt, stopsOnTerm: proc.stopsOnTerm } : { status: 'exited', exitCode: status, startedAt: now, finishedAt: now, stopsOnTerm: false },
	});
	if (!running) ended(draft, container);
	return { stdout, stderr, exitCode: running ? undefined : status };
}

/** After the main process ends: a `type=tmpfs` local volume loses its content when its last running user stops; `--rm` removes the container. */
function ended(draft: Draft, container: Container): void {
	for (const mount of container.mounts) {
		const volume = mount.type === 'volume' ? dictGet(draft.volumes, mount.name) : undefined;
		if (volume?.options == null || dictGet(volume.options, 'type') !== 'tmpfs') continue;
		const stillMounted = dictValues(draft.containers).some((other) => other.id !== container.id && other.state.status === 'running' && mountsVolume(other, volume.name));
		if (!stillMounted) draft.putVolume({ ...volume, root: { ...volume.root, children: emptyDict() } });
	}
	if (container.hostConfig.autoRemove) removeContainer(draft, container.id, true);
}

/** Stops (SIGTERM, then SIGKILL) or kills a running container; tmpfs content is lost. */
export function stopContainer(draft: Draft, container: Container, signal: 'TERM' | 'KILL'): void {
	if (container.state.status !== 'running') return;
	const exitCode = signal === 'TERM' && container.state.stopsOnTerm ? 0 : 137;
	draft.putContainer({ ...container, tmpfs: emptyTmpfs(Object.keys(container.tmpfs)), state: { ...container.state, status: 'exited', exitCode, finishedAt: draft.now, stopsOnTerm: false } });
	ended(draft, container);
}

/** Removes a container; with `volumes`, its anonymous volumes that no other container uses. */
export function removeContainer(draft: Draft, id: string, volumes: boolean): void {
	const container = dictGet(draft.containers, id);
	if (container === undefined) return;
	draft.deleteContainer(id);
	if (!volumes) return;
	for (const { type, anonymous, name } of container.mounts) {
		if (type === 'volume' && anonymous && dictGet(draft.volumes, name) !== undefined && !dictValues(draft.containers).some((other) => mountsVolume(other, name))) draft.deleteVolume(name);
	}
}

/** `--label`/`--opt` values: `KEY=VALUE` (or `KEY` for an empty value), in order; null when there are none. */
export function withLabels(labels: readonly string[]): Dict<string> | null {
	let out: Dict<string> | null = null;
	for (const label of labels) {
		const [key = '', value = ''] = label.split(/=(.*)/s);
		out = dictWith(out ?? emptyDict(), key, value);
	}
	return out;
}
