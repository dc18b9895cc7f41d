/**
 * The objects docker prints: inspect JSON (field order as the API marshals it) and the per-row
 * contexts of `ps`, `volume ls` and `image ls` that `--format` templates read.
 */
import { dictFrom, dictGet, treeSize, type Dict } from '../model/fs.ts';
import { DATA_ROOT, volumeMountpoint, type Container, type EngineState, type Image, type Mount, type Volume } from '../model/state.ts';
import { ellipsis, goQuote, humanDuration, humanSize, NIL_MAP, NIL_SLICE, rfc3339 } from '../cli/format.ts';

type Json = Record<string, unknown>;

/**
 * A Go struct with `omitempty` fields: their zero values sit on a shared prototype, so templates
 * can read them while JSON (own properties only) leaves them out, as encoding/json does.
 */
function struct(zeroes: Json): (fields: Json) => Json {
	const proto = Object.assign(Object.create(null) as Json, zeroes);
	const keys = Object.keys(zeroes);
	return (fields) => {
		const out = Object.create(proto) as Json;
		for (const key of Object.keys(fields)) {
			const value = fields[key];
			if (!keys.includes(key) || !(value === '' || value === null || value === NIL_MAP || value === NIL_SLICE)) out[key] = value;
		}
		return out;
	};
}

/** A Go map for templates (`map[k:v]`, `{{range}}` by sorted key). */
function goMap(dict: Dict<unknown> | null): unknown {
	return dict === null || Object.keys(dict).length === 0 ? (dict === null ? NIL_MAP : {}) : Object.assign(Object.create(null) as Json, dict);
}

const MOUNT = struct({ Name: '', Driver: '' });
const HOST_CONFIG = struct({ Mounts: NIL_SLICE, Tmpfs: NIL_MAP });
const VOLUME = struct({ Status: NIL_MAP, UsageData: null });

function orNil<T>(list: readonly T[] | null): readonly T[] {
	return list === null ? NIL_SLICE : list;
}

function volumesMap(paths: readonly string[]): unknown {
	return paths.length === 0 ? NIL_MAP : goMap(dictFrom(paths.map((path) => [path, {}] as const)));
}

export function mountJson(mount: Mount): Json {
	return MOUNT({ Type: mount.type, Name: mount.name, Source: mount.source, Destination: mount.destination, Driver: mount.driver, Mode: mount.mode, RW: mount.rw, Propagation: mount.propagation });
}

export function visibleMounts(container: Container): Mount[] {
	return container.mounts.filter((mount) => mount.hidden !== true);
}

export function containerJson(container: Container): Json {
	const dir = `${DATA_ROOT}/containers/${container.id}`;
	const layer = `${DATA_ROOT}/overlay2/${container.id}`;
	const running = container.state.status === 'running';
	const hostConfig = HOST_CONFIG({
		Binds: orNil(container.hostConfig.binds),
		NetworkMode: 'default',
		AutoRemove: container.hostConfig.autoRemove,
		VolumeDriver: '',
		VolumesFrom: orNil(container.hostConfig.volumesFrom),
		Mounts: container.hostConfig.mounts.length === 0 ? NIL_SLICE : container.hostConfig.mounts.map((spec) => ({ Type: spec.type, Source: spec.source, Target: spec.target, ReadOnly: spec.readOnly })),
		Tmpfs: container.hostConfig.tmpfs === null ? NIL_MAP : goMap(container.hostConfig.tmpfs),
		ReadonlyRootfs: false,
	});
	return {
		Id: container.id,
		Created: rfc3339(container.created),
		Path: container.path,
		Args: container.args,
		State: {
			Status: container.state.status,
			Running: running,
			Paused: false,
			Restarting: false,
			OOMKilled: false,
			Dead: false,
			Pid: running ? 1000 + (parseInt(container.id.slice(0, 4), 16) % 30000) : 0,
			ExitCode: container.state.exitCode,
			Error: '',
			StartedAt: rfc3339(container.state.startedAt),
			FinishedAt: rfc3339(container.state.finishedAt),
		},
		Image: container.imageId,
		ResolvConfPath: `${dir}/resolv.conf`,
		HostnamePath: `${dir}/hostname`,
		HostsPath: `${dir}/hosts`,
		LogPath: `${dir}/${container.id}-json.log`,
		Name: `/${container.name}`,
		RestartCount: 0,
		Driver: 'overlay2',
		Platform: 'linux',
		MountLabel: '',
		ProcessLabel: '',
		AppArmorProfile: '',
		ExecIDs: NIL_SLICE,
		HostConfig: hostConfig,
		GraphDriver: { Data: { LowerDir: `${layer}-init/diff`, MergedDir: `${layer}/merged`, UpperDir: `${layer}/diff`, WorkDir: `${layer}/work` }, Name: 'overlay2' },
		Mounts: visibleMounts(container).map(mountJson),
		Config: {
			Hostname: container.id.slice(0, 12),
			Domainname: '',
			User: '',
			AttachStdin: false,
			AttachStdout: true,
			AttachStderr: true,
			Tty: container.config.tty,
			OpenStdin: container.config.openStdin,
			StdinOnce: false,
			Env: container.config.env,
			Cmd: orNil(container.config.cmd),
			Image: container.config.image,
			Volumes: volumesMap(container.config.volumes),
			WorkingDir: container.config.workingDir,
			Entrypoint: orNil(container.config.entrypoint),
			OnBuild: NIL_SLICE,
			Labels: {},
		},
		NetworkSettings: { Networks: {} },
	};
}

export function imageJson(image: Image): Json {
	return {
		Id: image.id,
		RepoTags: image.repoTags,
		RepoDigests: [],
		Parent: '',
		Comment: image.comment,
		Created: rfc3339(image.created),
		DockerVersion: '',
		Author: '',
		Config: {
			Hostname: '',
			Domainname: '',
			User: '',
			AttachStdin: false,
			AttachStdout: false,
			AttachStderr: false,
			Tty: false,
			OpenStdin: false,
			StdinOnce: false,
			Env: image.config.env,
			Cmd: orNil(image.config.cmd),
			Image: '',
			Volumes: volumesMap(image.config.volumes),
			WorkingDir: image.config.workingDir,
			Entrypoint: orNil(image.config.entrypoint),
			OnBuild: NIL_SLICE,
			Labels: NIL_MAP,
		},
		Architecture: 'amd64',
		Os: 'linux',
		Size: image.size,
		GraphDriver: { Data: NIL_MAP, Name: 'overlay2' },
		RootFS: { Type: 'layers', Layers: image.layerIds.map((id) => `sha256:${id}`) },
		Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
	};
}

export function volumeJson(volume: Volume): Json {
	return VOLUME({ CreatedAt: rfc3339(volume.created), Driver: volume.driver, Labels: goMap(volume.labels), Mountpoint: volumeMountpoint(volume.name), Name: volume.name, Options: goMap(volume.options), Scope: 'local' });
}

// ---- list contexts ------------------------------------------------------------------------------

function labelsText(labels: Dict<string> | null): string {
	if (labels === null) return '';
	return Object.keys(labels).map((key) => `${key}=${dictGet(labels, key)}`).join(',');
}

function goTimeString(seconds: number): string {
	return `${rfc3339(seconds).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

export const PS_HEADERS: Readonly<Record<string, string>> = {
	ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE',
	Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS', LocalVolumes: 'LOCAL VOLUMES',
};

export function psRow(state: EngineState, container: Container, trunc: boolean): Json {
	const now = state.clock;
	const command = [container.path, ...container.args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg))].join(' ');
	const status =
		container.state.status === 'running'
			? `Up ${humanDuration(now - container.state.startedAt)}`
			: container.state.status === 'created'
				? 'Created'
				: `Exited (${container.state.exitCode}) ${humanDuration(now - container.state.finishedAt)} ago`;
	const mounts = visibleMounts(container).map((mount) => {
		const name = mount.name === '' ? mount.source : mount.name;
		return trunc ? ellipsis(name, 15) : name;
	});
	return {
		ID: trunc ? container.id.slice(0, 12) : container.id,
		Image: container.config.image,
		Command: goQuote(trunc ? ellipsis(command, 20) : command),
		CreatedAt: goTimeString(container.created),
		RunningFor: `${humanDuration(now - container.created)} ago`,
		Ports: '',
		State: container.state.status,
		Status: status,
		Size: `${humanSize(treeSize(container.layer))} (virtual ${humanSize((dictGet(state.images, container.imageId)?.size ?? 0) + treeSize(container.layer))})`,
		Names: container.name,
		Labels: '',
		Mounts: mounts.join(','),
		Networks: '',
		LocalVolumes: String(visibleMounts(container).filter((mount) => mount.type === 'volume').length),
	};
}

export const VOLUME_HEADERS: Readonly<Record<string, string>> = {
	Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Group: 'GROUP', Availability: 'AVAILABILITY', Status: 'STATUS',
};

export function volumeRow(volume: Volume): Json {
	return {
		Name: volume.name,
		Driver: volume.driver,
		Scope: 'local',
		Mountpoint: volumeMountpoint(volume.name),
		Labels: labelsText(volume.labels),
		Links: 'N/A',
		Size: 'N/A',
		Group: '',
		Availability: 'N/A',
		Status: 'N/A',
	};
}

export const IMAGE_HEADERS: Readonly<Record<string, string>> = {
	ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS',
};

export function imageRows(state: EngineState, image: Image, trunc: boolean): Json[] {
	const tags = image.repoTags.length === 0 ? ['<none>:<none>'] : image.repoTags;
	return tags.map((tag) => {
		const colon = tag.lastIndexOf(':');
		return {
			ID: trunc ? image.id.slice(7, 19) : image.id,
			Repository: tag.slice(0, colon),
			Tag: tag.slice(colon + 1),
			Digest: '<none>',
			CreatedSince: `${humanDuration(state.clock - image.created)} ago`,
			CreatedAt: goTimeString(image.created),
			Size: humanSize(image.size),
			Containers: 'N/A',
		};
	});
}
