/**
 * `docker …` as CLI 28 runs it against the simulated daemon: argv → typed flags → daemon calls →
 * docker's exact output, error texts and exit codes.
 */
import { dictFrom, dictGet, dictValues, diffLayer, pathSegments, pathString } from '../model/fs.ts';
import { type Container, type MountSpec, type Volume } from '../model/state.ts';
import { imageLayers, type Draft } from '../model/world.ts';
import { canonicalPath, checkArgs, flagErrorText, helpText, managementHelp, MANAGEMENT_COMMANDS, parseFlags, specFor, type FlagValue, type ParsedArgs } from '../cli/flags.ts';
import { naturalCompare, tabwrite } from '../cli/format.ts';
import { containerLookup } from '../shell/programs.ts';
import { runCommand, type Io } from '../shell/shell.ts';
import {
	containerProc,
	createContainer,
	ensureVolume,
	findContainer,
	findImage,
	isFailure,
	normalizeTag,
	removeContainer,
	removeVolume,
	startContainer,
	stopContainer,
	validateVolumeName,
	withLabels,
	type CreateRequest,
	type Failure,
} from './daemon.ts';
import { PS_HEADERS, psRow, VOLUME_HEADERS, volumeRow } from './objects.ts';
import { extensionHandler, extensionMounts, extensionTemplates } from '../extensions.ts';

export interface DockerContext {
	readonly draft: Draft;
	readonly io: Io;
	/** The host shell's working directory (relative bind sources). */
	readonly cwd: string;
}

/** Docker-level outcome of the command (for atomicity): set when the daemon refused the command. */
export interface DockerResult {
	readonly code: number;
	/** Nothing was done (the draft must be dropped). */
	readonly failed: boolean;
}

export const DAEMON = 'Error response from daemon: ';

export function out(ctx: DockerContext, text: string): void {
	ctx.io.out.push(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}
export function err(ctx: DockerContext, text: string): void {
	ctx.io.err.push(text.endsWith('\n') ? text : `${text}\n`);
}
export function fail(ctx: DockerContext, text: string, code = 1): DockerResult {
	err(ctx, text);
	return { code, failed: true };
}
export const OK: DockerResult = { code: 0, failed: false };

export function flag<T extends FlagValue>(parsed: ParsedArgs, name: string, fallback: T): T {
	return (parsed.flags.get(name) as T | undefined) ?? fallback;
}
export function list(parsed: ParsedArgs, name: string): readonly string[] {
	return flag<readonly string[]>(parsed, name, []);
}

/** `docker run`/`create` error: CLI 28 wraps daemon and option errors with a help hint (exit 125/126/127). */
function runError(ctx: DockerContext, command: string, message: string): DockerResult {
	const code = /executable file not found|no such file or directory/.test(message) ? 127 : /permission denied|is a directory/.test(message) ? 126 : 125;
	return fail(ctx, `docker: ${message}\n\nRun 'docker ${command} --help' for more information`, code);
}

// ---- entry --------------------------------------------------------------------------------------

export function runDocker(ctx: DockerContext, argv: readonly string[]): DockerResult {
	const [first, second] = argv;
	if (first === undefined) {
		out(ctx, '\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n');
		return OK;
	}
	if (first === '--version' || first === '-v') {
		out(ctx, 'Docker version 28.2.2, build e6534b4');
		return OK;
	}
	if (first.startsWith('-')) return fail(ctx, `unknown flag: ${first.startsWith('--') ? first : `'${first.slice(1, 2)}' in ${first}`}\n\nUsage:  docker [OPTIONS] COMMAND\n\nRun 'docker --help' for more information`.replace(/^unknown flag: '/, "unknown shorthand flag: '"), 125);
	let path = first;
	let rest = argv.slice(1);
	if ((MANAGEMENT_COMMANDS as readonly string[]).includes(first)) {
		if (second === undefined || second === '--help') {
			out(ctx, managementHelp(first));
			return OK;
		}
		path = `${first} ${second}`;
		rest = argv.slice(2);
		if (specFor(path) === undefined) return fail(ctx, `docker: unknown command: docker ${path}\n\nUsage:  docker ${first} COMMAND\n\nRun 'docker ${first} --help' for more information`);
	}
	const spec = specFor(path);
	if (spec === undefined) return fail(ctx, `docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information`);
	const parsed = parseFlags(spec, rest);
	if ('error' in parsed) return fail(ctx, flagErrorText(spec, path, parsed.error), 125);
	if (parsed.help) {
		out(ctx, helpText(spec, path));
		return OK;
	}
	const argError = checkArgs(spec, path, parsed.args.length);
	if (argError !== undefined) return fail(ctx, argError);
	const canonical = canonicalPath(path);
	const handler = Object.hasOwn(HANDLERS, canonical) ? HANDLERS[canonical] : extensionHandler(canonical);
	return handler === undefined ? fail(ctx, `docker: unknown command: docker ${path}`) : handler(ctx, parsed, path);
}

export type Handler = (ctx: DockerContext, parsed: ParsedArgs, path: string) => DockerResult;

// ---- run / create -------------------------------------------------------------------------------

/** CLI-side `-v` parsing (cli/compose/loader volumespec, CLI 28): Windows drive letters, bind vs volume. */
export function parseVolumeFlag(spec: string): { source: string; target: string; isBind: boolean } | { error: string } {
	if (spec === '') return { error: 'invalid empty volume spec' };
	if (spec.length <= 2) return { source: '', target: spec, isBind: false };
	let source = '';
	let target = '';
	let buffer = '';
	const chars = [...spec, '\u0000'];
	for (const c of chars) {
		if (c === ':' && buffer.length === 1 && /\p{L}/u.test(buffer)) {
			buffer += c;
			continue;
		}
		if (c !== ':' && c !== '\u0000') {
			buffer += c;
			continue;
		}
		if (buffer === '') return { error: `invalid spec: ${spec}: empty section between colons` };
		if (source === '' && c === '\u0000') target = buffer;
		else if (source === '') source = buffer;
		else if (target === '') target = buffer;
		else if (c === ':') return { error: `invalid spec: ${spec}: too many colons` };
		buffer = '';
	}
	const isBind = source !== '' && (/^[./~]/.test(source) || source.startsWith('\\\\') || /^\p{L}:/u.test(source));
	return { source, target, isBind };
}

function createRequest(ctx: DockerContext, parsed: ParsedArgs, command: string): CreateRequest | DockerResult {
	const modern = ctx.draft.version !== '20.10';
	const binds: string[] = [];
	const volumes: string[] = [];
	for (const spec of list(parsed, 'volume')) {
		const volume = parseVolumeFlag(spec);
		if ('error' in volume) return runError(ctx, command, volume.error);
		if (volume.source === '') {
			volumes.push(volume.target);
			continue;
		}
		let bind = spec;
		// CLI 23+ turns `./dir` into an absolute path; the 20.10 CLI sends it as it is (a volume name).
		if (modern && volume.isBind && volume.source.startsWith('.')) bind = `${pathString(pathSegments(volume.source, ctx.cwd))}${spec.slice(spec.indexOf(':'))}`;
		binds.push(bind);
	}
	const mounts: MountSpec[] = [];
	for (const value of list(parsed, 'mount')) {
		const mount = extensionMounts().parseMountFlag(value, ctx.cwd, modern);
		if ('error' in mount) return fail(ctx, flagErrorText(specFor(command) as NonNullable<ReturnType<typeof specFor>>, command, `invalid argument "${value}" for "--mount" flag: ${mount.error}`), 125);
		mounts.push(mount);
	}
	const tmpfs = dictFrom(
		list(parsed, 'tmpfs').map((value) => {
			const colon = value.indexOf(':');
			return [colon < 0 ? value : value.slice(0, colon), colon < 0 ? '' : value.slice(colon + 1)] as const;
		}),
	);
	const workdir = parsed.flags.get('workdir') as string | undefined;
	if (workdir !== undefined && !workdir.startsWith('/')) return runError(ctx, command, `${DAEMON}the working directory '${workdir}' is invalid, it needs to be an absolute path`);
	const [imageRef = '', ...cmd] = parsed.args;
	const name = parsed.flags.get('name') as string | undefined;
	return {
		name: name === '' ? undefined : name,
		imageRef,
		cmd,
		entrypoint: parsed.flags.get('entrypoint') as string | undefined,
		env: list(parsed, 'env').filter((entry) => entry.includes('=')),
		workingDir: workdir,
		tty: flag(parsed, 'tty', false),
		openStdin: flag(parsed, 'interactive', false),
		autoRemove: flag(parsed, 'rm', false),
		binds,
		volumes,
		mounts,
		volumesFrom: list(parsed, 'volumes-from'),
		tmpfs,
	};
}

function pullError(ctx: DockerContext, command: string, ref: string): DockerResult {
	const repo = normalizeTag(ref);
	err(ctx, `Unable to find image '${repo}' locally`);
	return runError(ctx, command, `${DAEMON}pull access denied for ${repo.slice(0, repo.lastIndexOf(':'))}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
}

function createFromFlags(ctx: DockerContext, parsed: ParsedArgs, command: string): Container | DockerResult {
	const request = createRequest(ctx, parsed, command);
	if ('code' in request) return request;
	const image = findImage(ctx.draft, request.imageRef);
	if (image === undefined) return pullError(ctx, command, request.imageRef);
	const created = createContainer(ctx.draft, request, image);
	if (isFailure(created)) return runError(ctx, command, DAEMON + created.error);
	return created;
}

const run: Handler = (ctx, parsed) => {
	const container = createFromFlags(ctx, parsed, 'run');
	if ('code' in container) return container;
	const detach = flag(parsed, 'detach', false);
	const started = startContainer(ctx.draft, container);
	if (isFailure(started)) return runError(ctx, 'run', DAEMON + started.error);
	if (detach) {
		out(ctx, container.id);
		return OK;
	}
	if (container.config.tty) {
		ctx.io.out.push(started.stdout + started.stderr);
	} else {
		ctx.io.out.push(started.stdout);
		ctx.io.err.push(started.stderr);
	}
	return { code: started.exitCode ?? 0, failed: false };
};

const create: Handler = (ctx, parsed) => {
	const container = createFromFlags(ctx, parsed, 'create');
	if ('code' in container) return container;
	out(ctx, container.id);
	return OK;
};

// ---- lifecycle ----------------------------------------------------------------------------------

/** Runs `action` for each container argument; errors go to stderr, the rest succeeds (partial commit). */
function eachContainer(ctx: DockerContext, refs: readonly string[], action: (container: Container, ref: string) => string | undefined): { errors: number; done: number } {
	let errors = 0;
	let done = 0;
	for (const ref of refs) {
		const container = findContainer(ctx.draft, ref);
		const message = isFailure(container) ? container.error : action(container, ref);
		if (message === undefined) done++;
		else {
			errors++;
			err(ctx, DAEMON + message);
		}
	}
	return { errors, done };
}

function summary(result: { errors: number; done: number }, extra?: () => void): DockerResult {
	if (result.errors > 0) extra?.();
	return { code: result.errors > 0 ? 1 : 0, failed: result.errors > 0 && result.done === 0 };
}

const start: Handler = (ctx, parsed) => {
	if (flag(parsed, 'attach', false)) {
		if (parsed.args.length > 1) return fail(ctx, 'you cannot start and attach multiple containers at once');
		const container = findContainer(ctx.draft, parsed.args[0] as string);
		if (isFailure(container)) return fail(ctx, DAEMON + container.error);
		if (container.state.status === 'running') return OK;
		const started = startContainer(ctx.draft, container);
		if (isFailure(started)) return fail(ctx, `${DAEMON}${started.error}\nError: failed to start containers: ${parsed.args[0]}`);
		ctx.io.out.push(started.stdout);
		ctx.io.err.push(started.stderr);
		return { code: started.exitCode ?? 0, failed: false };
	}
	const failed: string[] = [];
	const result = eachContainer(ctx, parsed.args, (container, ref) => {
		if (container.state.status !== 'running') {
			const started = startContainer(ctx.draft, container);
			if (isFailure(started)) {
				failed.push(ref);
				return started.error;
			}
		}
		out(ctx, ref);
		return undefined;
	});
	for (const ref of parsed.args) if (isFailure(findContainer(ctx.draft, ref)) && !failed.includes(ref)) failed.push(ref);
	return summary(result, () => err(ctx, `Error: failed to start containers: ${failed.join(', ')}`));
};

/** `docker stop` (a stopped container is fine) and `docker kill` (it must be running). */
function stopper(signal: 'TERM' | 'KILL'): Handler {
	return (ctx, parsed) =>
		summary(
			eachContainer(ctx, parsed.args, (container, ref) => {
				if (signal === 'KILL' && container.state.status !== 'running') return `Cannot kill container: ${ref}: Container ${container.id} is not running`;
				stopContainer(ctx.draft, container, signal);
				out(ctx, ref);
				return undefined;
			}),
		);
}
const stop = stopper('TERM');
const kill = stopper('KILL');

const restart: Handler = (ctx, parsed) =>
	summary(
		eachContainer(ctx, parsed.args, (container, ref) => {
			stopContainer(ctx.draft, container, 'TERM');
			const current = dictGet(ctx.draft.containers, container.id);
			if (current === undefined) return `No such container: ${ref}`;
			const started = startContainer(ctx.draft, current);
			if (isFailure(started)) return started.error;
			out(ctx, ref);
			return undefined;
		}),
	);

const rm: Handler = (ctx, parsed) => {
	const force = flag(parsed, 'force', false);
	const volumes = flag(parsed, 'volumes', false);
	let missing = 0;
	const result = eachContainer(ctx, parsed.args, (container, ref) => {
		if (container.state.status === 'running') {
			if (!force) return `You cannot remove a running container ${container.id}. Stop the container before attempting removal or force remove`;
			stopContainer(ctx.draft, { ...container, hostConfig: { ...container.hostConfig, autoRemove: false } }, 'KILL');
		}
		removeContainer(ctx.draft, container.id, volumes);
		out(ctx, ref);
		return undefined;
	});
	for (const ref of parsed.args) if (isFailure(findContainer(ctx.draft, ref))) missing++;
	// `rm -f` reports missing containers but still exits 0 (CLI 28 ignores not-found errors with --force).
	if (force && result.errors === missing) return { code: 0, failed: result.done === 0 };
	return summary(result);
};

const exec: Handler = (ctx, parsed) => {
	const [ref = '', ...argv] = parsed.args;
	const found = findContainer(ctx.draft, ref);
	if (isFailure(found)) return fail(ctx, DAEMON + found.error);
	if (found.state.status !== 'running') return fail(ctx, `${DAEMON}Container ${found.id} is not running`);
	const workdir = parsed.flags.get('workdir') as string | undefined;
	const proc = containerProc(ctx.draft, found, workdir === undefined ? { main: false, env: list(parsed, 'env') } : { main: false, cwd: workdir, env: list(parsed, 'env') });
	if (containerLookup(proc, argv[0] ?? '') === 'missing') {
		out(ctx, `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`);
		return { code: 126, failed: true };
	}
	const io: Io = { stdin: '', out: [], err: [] };
	const status = runCommand(proc, argv, io);
	if (flag(parsed, 'detach', false)) return OK;
	if (flag(parsed, 'tty', false)) ctx.io.out.push(io.out.join('') + io.err.join(''));
	else {
		ctx.io.out.push(io.out.join(''));
		ctx.io.err.push(io.err.join(''));
	}
	return { code: status < 0 ? 0 : status, failed: false };
};

// ---- listing and inspection ---------------------------------------------------------------------

/** The fields of a format made only of `{{.Field}}` actions separated by tabs; undefined for any other format. */
function plainFields(body: string): string[] | undefined {
	if (!/^\{\{\.[A-Z]\w*\}\}(?:\t\{\{\.[A-Z]\w*\}\})*$/.test(body)) return undefined;
	return body.split('\t').map((action) => action.slice(3, -2));
}

/**
 * Renders rows with a `--format` (or the default table); `table` formats get a header line. A
 * format of plain `{{.Field}}` columns whose values are all strings (every default table) prints
 * them as Go would without the template engine; anything else needs the `templates` extension.
 */
export function renderRows(ctx: DockerContext, rows: readonly Record<string, unknown>[], format: string, headers: Readonly<Record<string, string>>, typeName: string): DockerResult {
	const isTable = format.startsWith('table');
	const body = (isTable ? format.slice(5).replace(/^\s/, '') : format).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
	const fields = plainFields(body);
	if (fields !== undefined && fields.every((field) => (!isTable || typeof headers[field] === 'string') && rows.every((row) => typeof row[field] === 'string'))) {
		const lines = rows.map((row) => fields.map((field) => row[field] as string).join('\t'));
		if (isTable) lines.unshift(fields.map((field) => headers[field] as string).join('\t'));
		if (lines.length > 0) ctx.io.out.push(`${isTable ? tabwrite(lines) : lines.join('\n')}\n`);
		return OK;
	}
	const { cachedTemplate, execTemplate, templateRunner } = extensionTemplates();
	const template = cachedTemplate(body);
	if ('error' in template) return fail(ctx, `template parsing error: ${template.error}`);
	const lines: string[] = [];
	if (isTable) {
		const header = execTemplate(template, headers, { typeName: 'map[string]string', rawFallback: false });
		if (typeof header !== 'string') return fail(ctx, `template parsing error: ${header.error}`);
		lines.push(header);
	}
	const render = templateRunner(template, { typeName, rawFallback: false });
	for (const row of rows) {
		const text = render(row);
		if (typeof text !== 'string') return fail(ctx, `failed to execute template: ${text.error}`);
		lines.push(text);
	}
	if (lines.length > 0) ctx.io.out.push(`${isTable ? tabwrite(lines) : lines.join('\n')}\n`);
	return OK;
}

/** A `--filter` value: `KEY=VALUE` → [KEY, VALUE] (no `=`: an empty value). */
export function splitFilter(value: string): [string, string] {
	const eq = value.indexOf('=');
	return eq < 0 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)];
}

const ps: Handler = (ctx, parsed) => {
	const all = flag(parsed, 'all', false);
	const trunc = !flag(parsed, 'no-trunc', false);
	let containers = dictValues(ctx.draft.containers).reverse();
	if (!all) containers = containers.filter((container) => container.state.status === 'running');
	for (const value of list(parsed, 'filter')) {
		const [key, wanted] = splitFilter(value);
		const test: ((container: Container) => boolean) | undefined = {
			name: (container: Container) => container.name.includes(wanted),
			id: (container: Container) => container.id.startsWith(wanted),
			status: (container: Container) => container.state.status === wanted,
			ancestor: (container: Container) => container.config.image === wanted || normalizeTag(container.config.image) === normalizeTag(wanted),
			volume: (container: Container) => container.mounts.some((mount) => mount.name === wanted || mount.source === wanted || mount.destination === wanted),
			exited: (container: Container) => container.state.status === 'exited' && String(container.state.exitCode) === wanted,
		}[key];
		if (test === undefined) return fail(ctx, `${DAEMON}invalid filter '${key}'`);
		if (key === 'status' && !['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead'].includes(wanted)) return fail(ctx, `${DAEMON}invalid filter 'status=${wanted}'`);
		if (key === 'status' && !all) containers = dictValues(ctx.draft.containers).reverse();
		containers = containers.filter(test);
	}
	const format = parsed.flags.get('format') as string | undefined;
	if (format !== undefined) {
		// CLI 28 always runs a --format once against an empty container context (to see if it asks for .Size).
		const fields = plainFields(format.replace(/^table\s?/, '').replace(/\\t/g, '\t'));
		const probe = fields !== undefined && fields.every((field) => Object.hasOwn(PS_HEADERS, field)) ? '' : extensionTemplates().renderTemplate(format.replace(/^table\s?/, ''), Object.fromEntries(Object.keys(PS_HEADERS).map((key) => [key, ''])), { typeName: '*formatter.ContainerContext', rawFallback: false });
		if (typeof probe !== 'string') return fail(ctx, `${probe.parse ? 'failed to parse template' : 'failed to execute template'}: ${probe.error}`);
	}
	if (flag(parsed, 'quiet', false) && format === undefined) {
		if (containers.length > 0) out(ctx, containers.map((container) => (trunc ? container.id.slice(0, 12) : container.id)).join('\n'));
		return OK;
	}
	const rows = containers.map((container) => psRow(ctx.draft, container, trunc));
	return renderRows(ctx, rows, format ?? 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}', PS_HEADERS, '*formatter.ContainerContext');
};

const diff: Handler = (ctx, parsed) => {
	const container = findContainer(ctx.draft, parsed.args[0] as string);
	if (isFailure(container)) return fail(ctx, DAEMON + container.error);
	const image = dictGet(ctx.draft.images, container.imageId);
	const lines = diffLayer(container.layer, [container.init, ...(image === undefined ? [] : imageLayers(image).reverse())]);
	if (lines.length > 0) out(ctx, lines.join('\n'));
	return OK;
};

const logs: Handler = (ctx, parsed) => {
	const container = findContainer(ctx.draft, parsed.args[0] as string);
	if (isFailure(container)) return fail(ctx, DAEMON + container.error);
	ctx.io.out.push(container.logs.stdout);
	ctx.io.err.push(container.logs.stderr);
	return OK;
};

// ---- volumes ------------------------------------------------------------------------------------

const volumeCreate: Handler = (ctx, parsed) => {
	const name = parsed.args[0] ?? (parsed.flags.get('name') as string | undefined);
	const driver = flag(parsed, 'driver', 'local');
	if (driver !== 'local') return fail(ctx, `${DAEMON}create ${name ?? ''}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
	if (name !== undefined) {
		const invalid = validateVolumeName(name);
		if (invalid !== undefined) return fail(ctx, DAEMON + invalid.error);
	}
	const labels = withLabels(list(parsed, 'label'));
	const created = ensureVolume(ctx.draft, name ?? ctx.draft.hex64(), labels, withLabels(list(parsed, 'opt')));
	if (isFailure(created)) return fail(ctx, DAEMON + created.error);
	out(ctx, created.name);
	return OK;
};

/** A `label=KEY` or `label=KEY=VALUE` filter against a volume's labels. */
export function labelMatch(volume: Volume, wanted: string): boolean {
	const [key, value] = wanted.includes('=') ? splitFilter(wanted) : [wanted, undefined];
	const actual = volume.labels === null ? undefined : dictGet(volume.labels, key);
	return actual !== undefined && (value === undefined || actual === value);
}

const volumeLs: Handler = (ctx, parsed) => {
	const used = new Set(dictValues(ctx.draft.containers).flatMap((container) => container.mounts.map((mount) => mount.name)));
	let volumes = dictValues(ctx.draft.volumes);
	for (const value of list(parsed, 'filter')) {
		const [key, wanted] = splitFilter(value);
		if (key === 'dangling') {
			if (!/^(true|false|1|0)$/.test(wanted)) return fail(ctx, `${DAEMON}invalid filter 'dangling=${wanted}'`);
			const dangling = wanted === 'true' || wanted === '1';
			volumes = volumes.filter((volume) => used.has(volume.name) !== dangling);
		} else if (key === 'name') volumes = volumes.filter((volume) => volume.name.includes(wanted));
		else if (key === 'driver') volumes = volumes.filter((volume) => volume.driver === wanted);
		else if (key === 'label') volumes = volumes.filter((volume) => labelMatch(volume, wanted));
		else return fail(ctx, `${DAEMON}invalid filter '${key}'`);
	}
	volumes.sort((a, b) => naturalCompare(a.name, b.name));
	const format = parsed.flags.get('format') as string | undefined;
	if (flag(parsed, 'quiet', false) && format === undefined) {
		if (volumes.length > 0) out(ctx, volumes.map((volume) => volume.name).join('\n'));
		return OK;
	}
	return renderRows(ctx, volumes.map(volumeRow), format ?? 'table {{.Driver}}\t{{.Name}}', VOLUME_HEADERS, '*formatter.volumeContext');
};

const volumeRm: Handler = (ctx, parsed) => {
	const force = flag(parsed, 'force', false);
	let errors = 0;
	let done = 0;
	for (const name of parsed.args) {
		const failure = removeVolume(ctx.draft, name);
		if (failure === undefined || (force && failure.error.endsWith('no such volume'))) {
			out(ctx, name);
			done++;
		} else {
			err(ctx, DAEMON + failure.error);
			errors++;
		}
	}
	return { code: errors > 0 ? 1 : 0, failed: errors > 0 && done === 0 };
};

const HANDLERS: Readonly<Record<string, Handler>> = {
	run,
	create,
	start,
	stop,
	restart,
	kill,
	rm,
	exec,
	ps,
	diff,
	logs,
	'volume create': volumeCreate,
	'volume ls': volumeLs,
	'volume rm': volumeRm,
};

export type { Failure };
