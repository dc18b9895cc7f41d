/**
 * The docker CLI's command and flag vocabulary (as the CLI 28 cobra/pflag tree spells it) and a
 * pflag-compatible argv parser: `--flag=value`, `--flag value`, `-abc`, `-vVALUE`, `-v=VALUE`, `--`,
 * non-interspersed commands (run/create/exec stop at the image or container), docker's error texts.
 */

export const FLAG_KINDS = ['bool', 'string', 'list', 'int'] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];
/** [long name, shorthand ('' for none), kind]. */
export type FlagSpec = readonly [string, string, FlagKind];

export type ArgsRule = { readonly min: number; readonly max?: number };

export interface CommandSpec {
	/** Words after `docker`, e.g. `volume ls`. */
	readonly path: string;
	/** The cobra `Use` line after the command name. */
	readonly use: string;
	readonly flags: readonly FlagSpec[];
	readonly args: ArgsRule;
	/** run/create/exec stop parsing flags at the first operand. */
	readonly stopAtOperand?: true;
}

const CREATE_FLAGS: readonly FlagSpec[] = [
	['name', '', 'string'],
	['volume', 'v', 'list'],
	['mount', '', 'list'],
	['volumes-from', '', 'list'],
	['tmpfs', '', 'list'],
	['workdir', 'w', 'string'],
	['env', 'e', 'list'],
	['interactive', 'i', 'bool'],
	['tty', 't', 'bool'],
	['rm', '', 'bool'],
	['entrypoint', '', 'string'],
	['user', 'u', 'string'],
	['label', 'l', 'list'],
	['publish', 'p', 'list'],
	['network', '', 'string'],
	['hostname', 'h', 'string'],
	['restart', '', 'string'],
	['volume-driver', '', 'string'],
	['read-only', '', 'bool'],
	['init', '', 'bool'],
	['pull', '', 'string'],
	['quiet', 'q', 'bool'],
	['platform', '', 'string'],
];
const FORMAT: FlagSpec = ['format', '', 'string'];
const FILTER: FlagSpec = ['filter', 'f', 'list'];
const QUIET: FlagSpec = ['quiet', 'q', 'bool'];
const FORCE: FlagSpec = ['force', 'f', 'bool'];
const TIME: FlagSpec = ['time', 't', 'int'];
const SIGNAL: FlagSpec = ['signal', 's', 'string'];
const CONTAINERS = 'CONTAINER [CONTAINER...]';
const MIN1 = { min: 1 } as const;
const NONE = { min: 0, max: 0 } as const;

/** Every command the engine knows, keyed by path. Aliases (`docker rm` = `docker container rm`) share specs. */
const SPECS: readonly CommandSpec[] = [
	{ path: 'run', use: '[OPTIONS] IMAGE [COMMAND] [ARG...]', flags: [['detach', 'd', 'bool'], ...CREATE_FLAGS], args: MIN1, stopAtOperand: true },
	{ path: 'create', use: '[OPTIONS] IMAGE [COMMAND] [ARG...]', flags: CREATE_FLAGS, args: MIN1, stopAtOperand: true },
	{ path: 'start', use: `[OPTIONS] ${CONTAINERS}`, flags: [['attach', 'a', 'bool'], ['interactive', 'i', 'bool']], args: MIN1 },
	{ path: 'stop', use: `[OPTIONS] ${CONTAINERS}`, flags: [TIME, SIGNAL], args: MIN1 },
	{ path: 'restart', use: `[OPTIONS] ${CONTAINERS}`, flags: [TIME, SIGNAL], args: MIN1 },
	{ path: 'kill', use: `[OPTIONS] ${CONTAINERS}`, flags: [SIGNAL], args: MIN1 },
	{ path: 'rm', use: `[OPTIONS] ${CONTAINERS}`, flags: [FORCE, ['volumes', 'v', 'bool'], ['link', 'l', 'bool']], args: MIN1 },
	{ path: 'exec', use: '[OPTIONS] CONTAINER COMMAND [ARG...]', flags: [['detach', 'd', 'bool'], ['interactive', 'i', 'bool'], ['tty', 't', 'bool'], ['workdir', 'w', 'string'], ['env', 'e', 'list'], ['user', 'u', 'string']], args: { min: 2 }, stopAtOperand: true },
	{ path: 'ps', use: '[OPTIONS]', flags: [['all', 'a', 'bool'], QUIET, FILTER, FORMAT, ['no-trunc', '', 'bool'], ['latest', 'l', 'bool'], ['size', 's', 'bool']], args: NONE },
	{ path: 'diff', use: 'CONTAINER', flags: [], args: { min: 1, max: 1 } },
	{ path: 'inspect', use: '[OPTIONS] NAME|ID [NAME|ID...]', flags: [['format', 'f', 'string'], ['type', '', 'string'], ['size', 's', 'bool']], args: MIN1 },
	{ path: 'logs', use: '[OPTIONS] CONTAINER', flags: [['follow', 'f', 'bool'], ['timestamps', 't', 'bool'], ['tail', 'n', 'string']], args: { min: 1, max: 1 } },
	{ path: 'commit', use: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]', flags: [['message', 'm', 'string'], ['author', 'a', 'string'], ['pause', 'p', 'bool']], args: { min: 1, max: 2 } },
	{ path: 'build', use: '[OPTIONS] PATH | URL | -', flags: [['tag', 't', 'list'], ['file', 'f', 'string'], QUIET, ['no-cache', '', 'bool']], args: { min: 1, max: 1 } },
	{ path: 'images', use: '[OPTIONS] [REPOSITORY[:TAG]]', flags: [['all', 'a', 'bool'], QUIET, FILTER, FORMAT, ['no-trunc', '', 'bool']], args: { min: 0, max: 1 } },
	{ path: 'rmi', use: '[OPTIONS] IMAGE [IMAGE...]', flags: [FORCE], args: MIN1 },
	{ path: 'volume create', use: '[OPTIONS] [VOLUME]', flags: [['driver', 'd', 'string'], ['label', '', 'list'], ['opt', 'o', 'list'], ['name', '', 'string']], args: { min: 0, max: 1 } },
	{ path: 'volume ls', use: '[OPTIONS]', flags: [QUIET, FILTER, FORMAT], args: NONE },
	{ path: 'volume inspect', use: '[OPTIONS] VOLUME [VOLUME...]', flags: [['format', 'f', 'string']], args: MIN1 },
	{ path: 'volume rm', use: '[OPTIONS] VOLUME [VOLUME...]', flags: [FORCE], args: MIN1 },
	{ path: 'volume prune', use: '[OPTIONS]', flags: [['all', 'a', 'bool'], FORCE, ['filter', '', 'list']], args: NONE },
	{ path: 'container prune', use: '[OPTIONS]', flags: [FORCE, ['filter', '', 'list']], args: NONE },
	{ path: 'system prune', use: '[OPTIONS]', flags: [['all', 'a', 'bool'], FORCE, ['volumes', '', 'bool'], ['filter', '', 'list']], args: NONE },
];

/** Alias paths → canonical path. */
const ALIASES: Readonly<Record<string, string>> = {
	'container run': 'run',
	'container create': 'create',
	'container start': 'start',
	'container stop': 'stop',
	'container restart': 'restart',
	'container kill': 'kill',
	'container rm': 'rm',
	'container remove': 'rm',
	'container exec': 'exec',
	'container ls': 'ps',
	'container list': 'ps',
	'container ps': 'ps',
	'container diff': 'diff',
	'container inspect': 'inspect',
	'container logs': 'logs',
	'container commit': 'commit',
	'image build': 'build',
	'image ls': 'images',
	'image list': 'images',
	'image rm': 'rmi',
	'image remove': 'rmi',
	'image inspect': 'inspect',
	'volume list': 'volume ls',
	'volume remove': 'volume rm',
	'builder build': 'build',
};

export const MANAGEMENT_COMMANDS = ['container', 'image', 'system', 'volume'] as const;

const SPEC_BY_PATH = new Map(SPECS.map((spec) => [spec.path, spec]));

/** Every command path the engine accepts (for tab completion), aliases included. */
export const COMMAND_PATHS: readonly string[] = [...SPECS.map((spec) => spec.path), ...Object.keys(ALIASES)].sort();

/** The long and short flags of a command path (for tab completion). */
export function flagsOf(path: string): readonly string[] {
	const spec = specFor(path);
	if (spec === undefined) return [];
	return spec.flags.flatMap(([long, short]) => (short === '' ? [`--${long}`] : [`--${long}`, `-${short}`]));
}

export function specFor(path: string): CommandSpec | undefined {
	return SPEC_BY_PATH.get(ALIASES[path] ?? path);
}

/** The canonical path of an alias (`container ls` → `ps`). */
export function canonicalPath(path: string): string {
	return ALIASES[path] ?? path;
}

export type FlagValue = boolean | string | number | readonly string[];

export interface ParsedArgs {
	readonly flags: ReadonlyMap<string, FlagValue>;
	readonly args: readonly string[];
	readonly help: boolean;
}

function flagLabel(spec: FlagSpec): string {
	return spec[1] === '' ? `--${spec[0]}` : `-${spec[1]}, --${spec[0]}`;
}

const indexes = new WeakMap<CommandSpec, { byLong: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> }>();
function flagIndex(spec: CommandSpec): { byLong: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> } {
	let index = indexes.get(spec);
	if (index === undefined) {
		index = { byLong: new Map(spec.flags.map((flag) => [flag[0], flag])), byShort: new Map(spec.flags.filter((flag) => flag[1] !== '').map((flag) => [flag[1], flag])) };
		indexes.set(spec, index);
	}
	return index;
}

/** Parses argv for one command. Errors are pflag's messages (the caller adds docker's usage footer). */
export function parseFlags(spec: CommandSpec, argv: readonly string[]): ParsedArgs | { error: string } {
	const flags = new Map<string, FlagValue>();
	const args: string[] = [];
	let help = false;
	const { byLong, byShort } = flagIndex(spec);
	const set = (flag: FlagSpec, raw: string | undefined): string | undefined => {
		const [name, , kind] = flag;
		if (kind === 'bool') {
			const value = raw === undefined ? 'true' : raw;
			if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) return `invalid argument "${value}" for "${flagLabel(flag)}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
			flags.set(name, /^(1|t|T|TRUE|true|True)$/.test(value));
			return undefined;
		}
		const value = raw as string;
		if (kind === 'int') {
			if (!/^-?\d+$/.test(value)) return `invalid argument "${value}" for "${flagLabel(flag)}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
			flags.set(name, Number(value));
		} else if (kind === 'list') flags.set(name, [...((flags.get(name) as readonly string[] | undefined) ?? []), value]);
		else flags.set(name, value);
		return undefined;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--') {
			args.push(...argv.slice(i + 1));
			break;
		}
		if (!arg.startsWith('-') || arg === '-') {
			args.push(arg);
			if (spec.stopAtOperand === true) {
				args.push(...argv.slice(i + 1));
				break;
			}
			continue;
		}
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
			if (name === 'help') {
				help = true;
				continue;
			}
			const flag = byLong.get(name);
			if (flag === undefined) return { error: `unknown flag: --${name}` };
			let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
			if (value === undefined && flag[2] !== 'bool') {
				if (i + 1 >= argv.length) return { error: `flag needs an argument: --${name}` };
				value = argv[++i];
			}
			const error = set(flag, value);
			if (error !== undefined) return { error };
			continue;
		}
		const shorthands = arg.slice(1);
		for (let j = 0; j < shorthands.length; j++) {
			const letter = shorthands[j] as string;
			const flag = byShort.get(letter);
			if (flag === undefined) {
				if (letter === 'h' && !byShort.has('h')) {
					help = true;
					continue;
				}
				return { error: `unknown shorthand flag: '${letter}' in -${shorthands}` };
			}
			if (flag[2] === 'bool') {
				const error = set(flag, shorthands[j + 1] === '=' ? shorthands.slice(j + 2) : undefined);
				if (error !== undefined) return { error };
				if (shorthands[j + 1] === '=') break;
				continue;
			}
			let value = shorthands.slice(j + 1);
			if (value.startsWith('=')) value = value.slice(1);
			else if (value === '') {
				if (i + 1 >= argv.length) return { error: `flag needs an argument: '${letter}' in -${shorthands}` };
				value = argv[++i] as string;
			}
			const error = set(flag, value);
			if (error !== undefined) return { error };
			break;
		}
	}
	return { flags, args, help };
}

/** `docker: 'docker rm' requires at least 1 argument` and friends (cli/required.go, CLI 28). */
export function checkArgs(spec: CommandSpec, commandPath: string, count: number): string | undefined {
	const { min, max } = spec.args;
	if (count >= min && (max === undefined || count <= max)) return undefined;
	const usage = `Usage:  docker ${commandPath} ${spec.use}`;
	const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
	if (max === 0) return `docker: 'docker ${commandPath}' accepts no arguments\n\n${usage}\n\nRun 'docker ${commandPath} --help' for more information`;
	if (max === undefined) return `docker: 'docker ${commandPath}' requires at least ${min} ${plural(min)}\n\n${usage}\n\nSee 'docker ${commandPath} --help' for more information`;
	if (min === max) return `docker: 'docker ${commandPath}' requires ${min} ${plural(min)}\n\n${usage}\n\nRun 'docker ${commandPath} --help' for more information`;
	if (min === 0) return `docker: 'docker ${commandPath}' requires at most ${max} ${plural(max)}\n\n${usage}\n\nSRun 'docker ${commandPath} --help' for more information`;
	return `docker: 'docker ${commandPath}' requires at least ${min} and at most ${max} ${plural(max)}\n\n${usage}\n\nRun 'docker ${commandPath} --help' for more information`;
}

/** pflag error + docker's usage footer (cli/cobra.go FlagErrorFunc, exit 125). */
export function flagErrorText(spec: CommandSpec, commandPath: string, error: string): string {
	return `${error}\n\nUsage:  docker ${commandPath} ${spec.use}\n\nRun 'docker ${commandPath} --help' for more information`;
}

/** A compact `--help` page (the real one lists every flag docker has; this lists the modelled ones). */
export function helpText(spec: CommandSpec, commandPath: string): string {
	const lines = spec.flags.map((flag) => `  ${flag[1] === '' ? '    ' : `-${flag[1]}, `}--${flag[0]}${flag[2] === 'bool' ? '' : ` ${flag[2]}`}`);
	return `\nUsage:  docker ${commandPath} ${spec.use}\n${lines.length > 0 ? `\nOptions:\n${lines.join('\n')}\n` : ''}`;
}

export function managementHelp(group: string): string {
	const subs = COMMAND_PATHS.filter((path) => path.startsWith(`${group} `)).map((path) => `  ${path.slice(group.length + 1)}`);
	return `\nUsage:  docker ${group} COMMAND\n\nCommands:\n${subs.join('\n')}\n\nRun 'docker ${group} COMMAND --help' for more information on a command.\n`;
}
