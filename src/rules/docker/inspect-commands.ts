/**
 * The `inspect` extension (see ../extensions.ts): `docker inspect` and `docker volume inspect`
 * (`container inspect`, `image inspect` too), with the JSON each object marshals to (field order
 * as the API marshals it). The browser loads it for the first inspect of a session.
 */
import { dictFrom, dictGet, type Dict } from '../model/fs.ts';
import { DATA_ROOT, volumeMountpoint, type Container, type Image, type Mount, type Volume } from '../model/state.ts';
import { rfc3339 } from '../cli/format.ts';
import { goJson, NIL_MAP, NIL_SLICE } from '../cli/go-json.ts';
import { extensionTemplates, type Extension } from '../extensions.ts';
import { DAEMON, err, fail, out, type DockerContext, type DockerResult, type Handler } from './cli.ts';
import { findContainer, findImage, isFailure, normalizeTag } from './daemon.ts';
import { visibleMounts } from './objects.ts';

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

// ---- the commands -------------------------------------------------------------------------------

type Found = { kind: 'container'; value: Container } | { kind: 'image'; value: Image } | { kind: 'volume'; value: Volume };

function inspectObject(found: Found): Record<string, unknown> {
	if (found.kind === 'container') return containerJson(found.value);
	if (found.kind === 'image') return imageJson(found.value);
	return volumeJson(found.value);
}

/** docker inspect / container inspect / image inspect / volume inspect (cli/command/inspect). */
function inspectRefs(ctx: DockerContext, refs: readonly string[], format: string | undefined, find: (ref: string) => Found | string, typed: boolean): DockerResult {
	const objects: Record<string, unknown>[] = [];
	const texts: string[] = [];
	const errors: string[] = [];
	let template: string | undefined = format === '' ? undefined : format;
	if (template === 'json') template = undefined;
	for (const ref of refs) {
		const found = find(ref);
		if (typeof found === 'string') {
			errors.push(found);
			continue;
		}
		const object = inspectObject(found);
		if (template === undefined) {
			objects.push(object);
			continue;
		}
		const text = extensionTemplates().renderTemplate(template, object, { typeName: 'volume.Volume', rawFallback: !typed });
		if (typeof text === 'string') texts.push(`${text}\n`);
		else if (text.parse) return fail(ctx, `template parsing error: ${text.error}`, 64);
		else errors.push(`template parsing error: ${text.error}`);
	}
	if (template === undefined) out(ctx, objects.length === 0 ? '[]' : goJson(objects, { escapeHtml: true, indent: '    ' }));
	else ctx.io.out.push(texts.length === 0 ? '\n' : texts.join(''));
	if (errors.length > 0) err(ctx, errors.join('\n'));
	return { code: errors.length > 0 ? 1 : 0, failed: false };
}

const inspect: Handler = (ctx, parsed, path) => {
	const format = parsed.flags.get('format') as string | undefined;
	const type = path === 'container inspect' ? 'container' : path === 'image inspect' ? 'image' : (parsed.flags.get('type') as string | undefined);
	if (type !== undefined && !['container', 'image', 'volume'].includes(type)) return fail(ctx, `"${type}" is not a valid value for --type`);
	const find = (ref: string): Found | string => {
		if (type === undefined || type === 'container') {
			const container = findContainer(ctx.draft, ref);
			if (!isFailure(container)) return { kind: 'container', value: container };
			if (type === 'container') return DAEMON + container.error;
		}
		if (type === undefined || type === 'image') {
			const image = findImage(ctx.draft, ref);
			if (image !== undefined) return { kind: 'image', value: image };
			if (type === 'image') return `${DAEMON}No such image: ${normalizeTag(ref)}`;
		}
		const volume = dictGet(ctx.draft.volumes, ref);
		if (volume !== undefined) return { kind: 'volume', value: volume };
		return type === 'volume' ? `${DAEMON}get ${ref}: no such volume` : `Error: No such object: ${ref}`;
	};
	return inspectRefs(ctx, parsed.args, format, find, type === 'volume');
};

const volumeInspect: Handler = (ctx, parsed) =>
	inspectRefs(
		ctx,
		parsed.args,
		parsed.flags.get('format') as string | undefined,
		(ref) => {
			const volume = dictGet(ctx.draft.volumes, ref);
			return volume === undefined ? `${DAEMON}get ${ref}: no such volume` : { kind: 'volume', value: volume };
		},
		true,
	);

export const EXTENSION: Extension = { name: 'inspect', docker: { inspect, 'volume inspect': volumeInspect } };
