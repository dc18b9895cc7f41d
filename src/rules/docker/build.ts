/**
 * `docker build` with the legacy builder (DOCKER_BUILDKIT=0), as on the recorded engine: FROM,
 * WORKDIR, COPY, RUN (busybox shell subset), VOLUME, CMD, ENTRYPOINT, ENV.
 *
 * Each RUN runs in a throwaway container that gets the image's declared VOLUMEs as fresh anonymous
 * volumes (seeded by copy-up); they are discarded with the container, so a RUN after `VOLUME /v`
 * cannot change /v. BuildKit (the default builder since Engine 23) runs RUN without those volumes,
 * so there the change is kept — see facts.ts (`buildWritesAfterVolume`).
 *
 * The `build` extension (see ../extensions.ts): the browser loads it only when a line runs
 * `docker build`.
 */
import { dictGet, dir, emptyDict, pathSegments, pathString, resolveStack, writeStack, type DirNode, type FileNode } from '../model/fs.ts';
import type { Image, ImageConfig } from '../model/state.ts';
import { HOST_VIEW, imageLayers, listAt, readAt, statAt, type Draft } from '../model/world.ts';
import { humanSize } from '../cli/format.ts';
import { containerProc, createContainer, findImage, isFailure, normalizeTag, removeContainer } from './daemon.ts';
import { runCommand, runScript, type Io } from '../shell/shell.ts';
import { addImage, tagImage, validReference } from './images.ts';
import { flag, list, type Handler } from './cli.ts';
import type { Extension } from '../extensions.ts';

export interface BuildRequest {
	readonly context: string;
	readonly cwd: string;
	readonly tags: readonly string[];
	readonly file: string | undefined;
	readonly quiet: boolean;
}

export interface BuildResult {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
}

const LEGACY_BUILDER_NOTICE =
	'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n';

const KEYWORDS = ['FROM', 'RUN', 'COPY', 'ADD', 'VOLUME', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'ENV', 'LABEL', 'EXPOSE', 'USER'];

/** Dockerfile instructions (`text` as the step line shows it), or the daemon's parse error. */
function parseDockerfile(text: string): Array<{ keyword: string; args: string; text: string }> | string {
	const out: Array<{ keyword: string; args: string; text: string }> = [];
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		let line = (lines[i] as string).trim();
		const start = i + 1;
		if (line === '' || line.startsWith('#')) continue;
		while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1)} ${(lines[++i] as string).trim()}`;
		const [, word = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
		const keyword = word.toUpperCase();
		if (!KEYWORDS.includes(keyword)) return `dockerfile parse error line ${start}: unknown instruction: ${word}`;
		out.push({ keyword, args, text: line });
	}
	if (out.length === 0) return 'the Dockerfile (Dockerfile) cannot be empty';
	if (out[0]?.keyword !== 'FROM') return 'Dockerfile parse error line 1: FROM requires either one or three arguments';
	return out;
}

/** JSON (exec) form or shell form of RUN/CMD/ENTRYPOINT. */
function commandForm(args: string): string[] {
	try {
		const parsed: unknown = JSON.parse(args);
		if (args.startsWith('[') && Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed as string[];
	} catch {
		// not JSON: docker falls back to the shell form
	}
	return ['/bin/sh', '-c', args];
}

function words(args: string): string[] {
	const form = commandForm(args);
	return form[0] === '/bin/sh' && form[1] === '-c' ? args.split(/\s+/).filter((word) => word !== '') : form;
}

/** `mkdir -p` in a new layer on top of `stack` (top first). */
function mkdirs(layer: DirNode, stack: readonly DirNode[], segs: readonly string[]): DirNode {
	for (let depth = 1; depth <= segs.length; depth++) {
		if (typeof resolveStack([layer, ...stack], segs.slice(0, depth)) === 'string') layer = writeStack([layer, ...stack], segs.slice(0, depth), dir());
	}
	return layer;
}

export function buildImage(draft: Draft, request: BuildRequest): BuildResult {
	const out: string[] = [];
	const err: string[] = [LEGACY_BUILDER_NOTICE];
	const failWith = (message: string): BuildResult => ({ code: 1, stdout: request.quiet ? '' : out.join(''), stderr: `${err.join('')}${message}\n` });
	const invalid = request.tags.find((tag) => !validReference(tag));
	if (invalid !== undefined) return failWith(`invalid argument "${invalid}" for "-t, --tag" flag: invalid reference format`);
	const contextSegs = pathSegments(request.context, request.cwd);
	const context = statAt(draft, HOST_VIEW, contextSegs);
	if (typeof context === 'string' || context.type !== 'dir') return failWith(`unable to prepare context: path "${request.context}" not found`);
	const dockerfilePath = request.file === undefined ? [...contextSegs, 'Dockerfile'] : pathSegments(request.file, request.cwd);
	const dockerfile = readAt(draft, HOST_VIEW, dockerfilePath);
	if (typeof dockerfile !== 'string') return failWith(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${pathString(dockerfilePath)}: no such file or directory`);
	const instructions = parseDockerfile(dockerfile);
	if (typeof instructions === 'string') return failWith(`Error response from daemon: ${instructions}`);
	out.push(`Sending build context to Docker daemon  ${humanSize(contextSize(draft, contextSegs))}\n`);
	let base = undefined as unknown as Image;
	let layers: DirNode[] = [];
	let config: ImageConfig = { cmd: null, entrypoint: null, env: [], workingDir: '', volumes: [] };
	const shortId = (): string => draft.hex64().slice(0, 12);
	const current = (): Image => ({ ...base, layers: [...base.layers, ...layers], config });
	for (const [index, { keyword, args, text }] of instructions.entries()) {
		out.push(`Step ${index + 1}/${instructions.length} : ${text}\n`);
		if (keyword === 'FROM') {
			const ref = args.split(/\s+/)[0] as string;
			const image = findImage(draft, ref);
			if (image === undefined) return failWith(`Error response from daemon: pull access denied for ${ref}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
			base = image;
			layers = [];
			config = image.config;
			out.push(` ---> ${image.id.slice(7, 19)}\n`);
			continue;
		}
		const workdir = config.workingDir || '/';
		const stack = imageLayers(current()).reverse();
		if (keyword === 'COPY' || keyword === 'ADD') {
			const sources = words(args).filter((word) => !word.startsWith('--'));
			const dest = sources.pop() ?? '';
			let layer = dir();
			const destSegs = pathSegments(dest, workdir);
			const existing = resolveStack(stack, destSegs);
			const intoDir = dest.endsWith('/') || sources.length > 1 || (typeof existing !== 'string' && existing.type === 'dir');
			const put = (segs: string[], node: DirNode | FileNode): void => {
				layer = mkdirs(layer, stack, segs.slice(0, -1));
				layer = writeStack([layer, ...stack], segs, node.type === 'dir' ? node : { type: 'file', content: node.content, mode: 0o644, uid: 0, gid: 0 });
			};
			for (const source of sources) {
				const sourceSegs = pathSegments(source, pathString(contextSegs));
				const hit = statAt(draft, HOST_VIEW, sourceSegs);
				if (typeof hit === 'string') return failWith(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${source}: file does not exist`);
				if (hit.type === 'file') put(intoDir ? [...destSegs, sourceSegs[sourceSegs.length - 1] as string] : destSegs, hit.node);
				else copyTree(draft, sourceSegs, destSegs, put);
			}
			layers = [...layers, layer];
			out.push(` ---> ${shortId()}\n`);
			continue;
		}
		const containerId = shortId();
		out.push(` ---> Running in ${containerId}\n`);
		if (keyword === 'RUN') {
			const argv = commandForm(args);
			const result = runStep(draft, current(), argv);
			out.push(result.stdout);
			err.push(result.stderr);
			if (result.code !== 0) return failWith(`The command '${argv.join(' ')}' returned a non-zero code: ${result.code}`);
			layers = [...layers, result.layer];
		} else if (keyword === 'VOLUME') config = { ...config, volumes: [...new Set([...config.volumes, ...words(args)])] };
		else if (keyword === 'CMD') config = { ...config, cmd: commandForm(args) };
		else if (keyword === 'ENTRYPOINT') config = { ...config, entrypoint: commandForm(args) };
		else if (keyword === 'WORKDIR') {
			const segs = pathSegments(args.trim(), workdir);
			config = { ...config, workingDir: pathString(segs) };
			if (typeof resolveStack(stack, segs) === 'string') layers = [...layers, mkdirs(dir(), stack, segs)];
		} else if (keyword === 'ENV') {
			const [, name, value = ''] = /^(\S+?)(?:=|\s+)(.*)$/.exec(args.trim()) ?? [];
			if (name !== undefined) config = { ...config, env: [...config.env.filter((entry) => !entry.startsWith(`${name}=`)), `${name}=${value.replace(/^"(.*)"$/, '$1')}`] };
		}
		out.push(`Removing intermediate container ${containerId}\n`, ` ---> ${shortId()}\n`);
	}
	const image = addImage(draft, base, layers, config);
	const shortImage = image.id.slice(7, 19);
	// The last step's result is the image itself.
	if (out.length > 1 && (out[out.length - 1] as string).startsWith(' ---> ')) out[out.length - 1] = ` ---> ${shortImage}\n`;
	const tags = request.tags.map(normalizeTag);
	for (const tag of tags) tagImage(draft, tag, image.id);
	out.push(`Successfully built ${shortImage}\n`, ...tags.map((tag) => `Successfully tagged ${tag}\n`));
	return { code: 0, stdout: request.quiet ? `${image.id}\n` : out.join(''), stderr: err.join('') };
}

function copyTree(draft: Draft, from: string[], to: string[], put: (segs: string[], node: DirNode | FileNode) => void): void {
	const entries = listAt(draft, HOST_VIEW, from);
	if (typeof entries === 'string') return;
	for (const [name, node] of entries) {
		if (node.type === 'file') put([...to, name], node);
		else copyTree(draft, [...from, name], [...to, name], put);
	}
}

/** Context size as the client sends it: a tar stream (512-byte headers and blocks, 1 KiB trailer). */
function contextSize(draft: Draft, segs: string[]): number {
	let total = 1024;
	const entries = listAt(draft, HOST_VIEW, segs);
	if (typeof entries !== 'string') {
		for (const [name, node] of entries) total += 512 + (node.type === 'file' ? Math.ceil(new TextEncoder().encode(node.content).length / 512) * 512 : contextSize(draft, [...segs, name]) - 1024);
	}
	return total;
}

/** Runs one RUN step in a throwaway container; returns its layer (volume writes are lost with it). */
function runStep(draft: Draft, image: Image, argv: string[]): BuildResult & { layer: DirNode } {
	const temp: Image = { ...image, id: `sha256:${draft.hex64()}`, repoTags: [], layerIds: image.layers.map(() => '') };
	draft.putImage(temp);
	const created = createContainer(
		draft,
		{ name: undefined, imageRef: temp.id, cmd: argv, entrypoint: '', env: [], workingDir: undefined, tty: false, openStdin: false, autoRemove: false, binds: [], volumes: [], mounts: [], volumesFrom: [], tmpfs: emptyDict() },
		temp,
	);
	if (isFailure(created)) {
		draft.deleteImage(temp.id);
		return { code: 1, stdout: '', stderr: `${created.error}\n`, layer: dir() };
	}
	const proc = containerProc(draft, created, { main: false });
	const io: Io = { stdin: '', out: [], err: [] };
	const status = argv[0] === '/bin/sh' && argv[1] === '-c' ? runScript(proc, argv[2] ?? '', io) : runCommand(proc, argv, io);
	const layer = (dictGet(draft.containers, created.id) ?? created).layer;
	// The intermediate container goes, and its anonymous volumes (the VOLUME paths' writes) with it.
	removeContainer(draft, created.id, true);
	draft.deleteImage(temp.id);
	return { code: status < 0 ? 0 : status, stdout: io.out.join(''), stderr: io.err.join(''), layer };
}

const build: Handler = (ctx, parsed) => {
	const result = buildImage(ctx.draft, { context: parsed.args[0] as string, cwd: ctx.cwd, tags: list(parsed, 'tag'), file: parsed.flags.get('file') as string | undefined, quiet: flag(parsed, 'quiet', false) });
	ctx.io.out.push(result.stdout);
	ctx.io.err.push(result.stderr);
	return { code: result.code, failed: result.code !== 0 };
};

export const EXTENSION: Extension = { name: 'build', docker: { build } };
