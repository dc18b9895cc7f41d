/**
 * The engine's whole world as one immutable, JSON-serialisable value (this is `EngineSnapshot`).
 * Names follow Docker's own objects so the lab and quizzes can talk about them directly.
 */
import type { Dict, DirNode } from './fs.ts';

export const DOCKER_VERSIONS = ['29', '20.10'] as const;
export type DockerVersion = (typeof DOCKER_VERSIONS)[number];

export const MOUNT_TYPES = ['volume', 'bind', 'tmpfs'] as const;
export type MountType = (typeof MOUNT_TYPES)[number];

export const CONTAINER_STATUSES = ['created', 'running', 'exited'] as const;
export type ContainerStatus = (typeof CONTAINER_STATUSES)[number];

/** Where a path of a container's merged view comes from (the lab's "merged filesystem view"). */
export const ORIGINS = ['image', 'init', 'container', 'volume', 'bind', 'tmpfs'] as const;
export type Origin = (typeof ORIGINS)[number];

export interface ImageConfig {
	readonly cmd: readonly string[] | null;
	readonly entrypoint: readonly string[] | null;
	readonly env: readonly string[];
	readonly workingDir: string;
	/** Paths declared with `VOLUME`, in declaration order. */
	readonly volumes: readonly string[];
}

export interface Image {
	/** `sha256:` + 64 hex. */
	readonly id: string;
	/** `repo:tag` references pointing at this image (empty when dangling). */
	readonly repoTags: readonly string[];
	/** Read-only layers, bottom first. */
	readonly layers: readonly DirNode[];
	/** One 64-hex diff id per layer (RootFS.Layers). */
	readonly layerIds: readonly string[];
	readonly config: ImageConfig;
	/** Seconds since the Unix epoch. */
	readonly created: number;
	/** Display size in bytes (`docker image ls` SIZE). */
	readonly size: number;
	readonly comment: string;
}

/** One entry of `docker inspect .Mounts` (tmpfs from `--tmpfs` is not listed, as on the engine). */
export interface Mount {
	readonly type: MountType;
	/** Volume name; '' for binds and tmpfs. */
	readonly name: string;
	/** Host path: the bind source or the volume's `_data` directory; '' for tmpfs. */
	readonly source: string;
	readonly destination: string;
	readonly driver: string;
	/** As docker shows it: '' / 'ro' / 'z' (named volume given with `-v` and no mode) / the `-v` mode text. */
	readonly mode: string;
	readonly rw: boolean;
	readonly propagation: string;
	/** The mount's spec named no volume: `rm -v` / `--rm` remove it once no other container uses it. */
	readonly anonymous: boolean;
	/** The mount came from `--tmpfs` (kept out of `.Mounts`). */
	readonly hidden?: true;
}

export interface ContainerConfig {
	readonly image: string;
	readonly cmd: readonly string[] | null;
	readonly entrypoint: readonly string[] | null;
	readonly env: readonly string[];
	readonly workingDir: string;
	readonly tty: boolean;
	readonly openStdin: boolean;
	/** Config.Volumes: image VOLUMEs plus `-v /path` anonymous specs. */
	readonly volumes: readonly string[];
}

export interface HostConfig {
	readonly binds: readonly string[] | null;
	readonly autoRemove: boolean;
	readonly volumesFrom: readonly string[] | null;
	readonly tmpfs: Dict<string> | null;
	/** `--mount` specs as the API receives them. */
	readonly mounts: readonly MountSpec[];
}

export interface MountSpec {
	/** As given to `--mount type=` (the daemon rejects unknown types). */
	readonly type: string;
	readonly source: string;
	readonly target: string;
	readonly readOnly: boolean;
	readonly noCopy: boolean;
}

export interface ContainerState {
	readonly status: ContainerStatus;
	readonly exitCode: number;
	readonly startedAt: number;
	readonly finishedAt: number;
	/** The running process ends with 0 on SIGTERM (services) or ignores it and is killed (137). */
	readonly stopsOnTerm: boolean;
}

export interface Container {
	/** 64 hex. */
	readonly id: string;
	readonly name: string;
	readonly created: number;
	readonly imageId: string;
	readonly path: string;
	readonly args: readonly string[];
	readonly config: ContainerConfig;
	readonly hostConfig: HostConfig;
	readonly state: ContainerState;
	/** The writable container layer (what `docker diff` and `docker commit` see). */
	readonly layer: DirNode;
	/** Docker's init layer (/.dockerenv, /etc/hostname, /proc …), below the container layer. */
	readonly init: DirNode;
	readonly mounts: readonly Mount[];
	/** Content of each tmpfs mount by destination (emptied when the container stops). */
	readonly tmpfs: Dict<DirNode>;
	readonly logs: { readonly stdout: string; readonly stderr: string };
}

export interface Volume {
	readonly name: string;
	readonly driver: 'local';
	readonly created: number;
	readonly labels: Dict<string> | null;
	/** The `_data` directory. */
	readonly root: DirNode;
	/** Created by the daemon for a mount without a name (Docker 23+ labels it `com.docker.volume.anonymous`). */
	readonly anonymous: boolean;
	/** `volume create --opt` (local driver: `type=none,o=bind,device=DIR` keeps the data in DIR; `type=tmpfs` in memory while mounted). */
	readonly options: Dict<string> | null;
}

export interface EngineState {
	readonly version: DockerVersion;
	/** Virtual clock, seconds since the Unix epoch; advances one second per state-changing command. */
	readonly clock: number;
	/** State of the seeded id generator. */
	readonly rng: number;
	/** The host shell's working directory. */
	readonly cwd: string;
	/** The host filesystem (volume data is under /var/lib/docker/volumes/NAME/_data via `volumes`). */
	readonly host: DirNode;
	readonly images: Dict<Image>;
	/** `repo:tag` → image id. */
	readonly tags: Dict<string>;
	/** By container id, in creation order. */
	readonly containers: Dict<Container>;
	/** By name, in creation order. */
	readonly volumes: Dict<Volume>;
}

/** 2026-01-01T00:00:00Z: the virtual clock's start (and the time `ls -l` and `tar tv` show for every file). */
export const EPOCH = 1_767_225_600;

export const DATA_ROOT = '/var/lib/docker';
export function volumeMountpoint(name: string): string {
	return `${DATA_ROOT}/volumes/${name}/_data`;
}
