/**
 * The commands the simulator runs: a coreutils subset shared by the host (GNU messages) and
 * containers (busybox messages). Extensions add more (../extensions.ts): file-tools.ts (`cp`,
 * `chmod`, `chown`, `stat`, `tar`) and services.ts (the teaching images' services).
 */
import { pathSegments, type DirNode, type FileNode, type FsError } from '../model/fs.ts';
import { fsMessage, listAt, mkdirAt, mkdirp, readAt, statAt, touchAt, unlinkAt, writeAt } from '../model/world.ts';
import { extensionProgram } from '../extensions.ts';
import { BLOCKED, runScript, type Io, type Proc, type Program } from './shell.ts';

function errorText(proc: Proc, error: FsError): string {
	return proc.gnu && error === 'EBUSY' ? 'Device or resource busy' : fsMessage(error);
}

/** Splits `-abc` style options (stopping at `--` or the first operand). Returns undefined on a bad option. */
export function options(proc: Proc, argv: readonly string[], allowed: string, io: Io): { flags: Set<string>; operands: string[] } | undefined {
	const flags = new Set<string>();
	const operands: string[] = [];
	let done = false;
	for (const arg of argv.slice(1)) {
		if (done || arg === '-' || !arg.startsWith('-')) {
			operands.push(arg);
			continue;
		}
		if (arg === '--') {
			done = true;
			continue;
		}
		for (const flag of arg.slice(1)) {
			if (!allowed.includes(flag)) {
				const name = argv[0] ?? '';
				io.err.push(proc.gnu ? `${name}: invalid option -- '${flag}'\nTry '${name} --help' for more information.\n` : `${name}: invalid option -- '${flag}'\nBusyBox v1.37.0 multi-call binary.\n\nUsage: ${name} [OPTIONS]\n`);
				return undefined;
			}
			flags.add(flag);
		}
	}
	return { flags, operands };
}

const echo: Program = (_proc, argv, io) => {
	let args = argv.slice(1);
	let newline = true;
	let escapes = false;
	while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
		if (args[0].includes('n')) newline = false;
		if (args[0].includes('e')) escapes = true;
		args = args.slice(1);
	}
	let text = args.join(' ');
	if (escapes) text = text.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
	io.out.push(newline ? `${text}\n` : text);
	return 0;
};

const cat: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'nuA', io);
	if (parsed === undefined) return 1;
	let status = 0;
	const operands = parsed.operands.length === 0 ? ['-'] : parsed.operands;
	for (const operand of operands) {
		if (operand === '-') {
			io.out.push(io.stdin);
			continue;
		}
		const content = readAt(proc.draft, proc.view, pathSegments(operand, proc.cwd));
		if (typeof content === 'string') {
			io.out.push(content);
			continue;
		}
		status = 1;
		if (proc.gnu) io.err.push(`cat: ${operand}: ${fsMessage(content.error)}\n`);
		else if (content.error === 'EISDIR') io.err.push('cat: read error: Is a directory\n');
		else io.err.push(`cat: can't open '${operand}': ${fsMessage(content.error)}\n`);
	}
	return status;
};

/** `drwxr-xr-x` (ls -l, tar tv). */
export function modeString(node: { readonly type: 'file' | 'dir'; readonly mode: number }): string {
	const bits = 'rwxrwxrwx';
	let out = node.type === 'dir' ? 'd' : '-';
	for (let i = 0; i < 9; i++) out += node.mode & (1 << (8 - i)) ? (bits[i] as string) : '-';
	if (node.mode & 0o1000) out = out.slice(0, 9) + (out.endsWith('x') ? 't' : 'T');
	return out;
}

export function userName(proc: Proc, id: number, file: 'passwd' | 'group'): string {
	const content = readAt(proc.draft, proc.view, ['etc', file]);
	if (typeof content === 'string') {
		for (const line of content.split('\n')) {
			const [name, , uid] = line.split(':');
			if (uid === String(id) && name !== undefined) return name;
		}
	}
	return String(id);
}

/** The id of a user or group name (a number stands for itself), from the view's /etc/passwd or /etc/group. */
export function ownerId(proc: Proc, name: string, file: 'passwd' | 'group'): number | undefined {
	if (/^\d+$/.test(name)) return Number(name);
	const content = readAt(proc.draft, proc.view, ['etc', file]);
	if (typeof content !== 'string') return undefined;
	for (const line of content.split('\n')) {
		const [entry, , id] = line.split(':');
		if (entry === name) return Number(id);
	}
	return undefined;
}

function longLine(proc: Proc, name: string, node: FileNode | DirNode, numeric: boolean): string {
	const links = node.type === 'dir' ? 2 + Object.values(node.children).filter((child) => child.type === 'dir').length : 1;
	const size = node.type === 'dir' ? 4096 : new TextEncoder().encode(node.content).length;
	const user = numeric ? String(node.uid) : userName(proc, node.uid, 'passwd');
	const group = numeric ? String(node.gid) : userName(proc, node.gid, 'group');
	if (proc.gnu) return `${modeString(node)} ${links} ${user} ${group} ${size} Jan  1 00:00 ${name}`;
	return `${modeString(node)} ${String(links).padStart(4)} ${user.padEnd(8)} ${group.padEnd(8)} ${String(size).padStart(9)} Jan  1 00:00 ${name}`;
}

const ls: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'aA1ldn', io);
	if (parsed === undefined) return proc.gnu ? 2 : 1;
	const { flags } = parsed;
	const long = flags.has('l') || flags.has('n');
	const operands = parsed.operands.length === 0 ? ['.'] : parsed.operands;
	let status = 0;
	const files: Array<[string, FileNode | DirNode]> = [];
	const dirs: Array<[string, string[]]> = [];
	for (const operand of operands) {
		const segs = pathSegments(operand, proc.cwd);
		const hit = statAt(proc.draft, proc.view, segs);
		if (typeof hit === 'string') {
			status = proc.gnu ? 2 : 1;
			io.err.push(proc.gnu ? `ls: cannot access '${operand}': ${fsMessage(hit)}\n` : `ls: ${operand}: ${fsMessage(hit)}\n`);
			continue;
		}
		const node = hit.type === 'file' ? hit.node : (hit.dirs[0] as { node: DirNode }).node;
		if (node.type === 'file' || flags.has('d')) {
			files.push([operand, node]);
			continue;
		}
		const entries = listAt(proc.draft, proc.view, segs);
		if (typeof entries === 'string') continue;
		const visible = entries.filter(([name]) => flags.has('a') || flags.has('A') || !name.startsWith('.'));
		const lines = visible.map(([name, child]) => (long ? longLine(proc, name, child, flags.has('n')) : name));
		if (flags.has('a')) lines.unshift(...(long ? [longLine(proc, '.', node, flags.has('n')), longLine(proc, '..', node, flags.has('n'))] : ['.', '..']));
		if (long && proc.gnu) lines.unshift(`total ${visible.length * 4}`);
		dirs.push([operand, lines]);
	}
	const blocks: string[] = [];
	files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	if (files.length > 0) blocks.push(files.map(([name, node]) => (long ? longLine(proc, name, node, flags.has('n')) : name)).join('\n'));
	const titled = operands.length > 1;
	for (const [name, lines] of dirs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		blocks.push([...(titled ? [`${name}:`] : []), ...lines].join('\n'));
	}
	const text = blocks.filter((block, index) => block !== '' || index > 0 || titled).join('\n\n');
	if (text !== '') io.out.push(`${text}\n`);
	return status;
};

function reportMkdir(proc: Proc, io: Io, operand: string, error: FsError): void {
	io.err.push(proc.gnu ? `mkdir: cannot create directory '${operand}': ${fsMessage(error)}\n` : `mkdir: can't create directory '${operand}': ${fsMessage(error)}\n`);
}

const mkdir: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'pv', io);
	if (parsed === undefined) return 1;
	if (parsed.operands.length === 0) {
		io.err.push(proc.gnu ? "mkdir: missing operand\nTry 'mkdir --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: mkdir [-m MODE] [-p] DIRECTORY...\n');
		return 1;
	}
	let status = 0;
	for (const operand of parsed.operands) {
		const segs = pathSegments(operand, proc.cwd);
		if (!parsed.flags.has('p')) {
			const error = mkdirAt(proc.draft, proc.view, segs);
			if (error !== undefined) {
				reportMkdir(proc, io, operand, error);
				status = 1;
			}
			continue;
		}
		const error = mkdirp(proc.draft, proc.view, segs);
		if (error !== undefined) {
			reportMkdir(proc, io, operand, error);
			status = 1;
		}
	}
	return status;
};

function removeTree(proc: Proc, segs: string[], shown: string, io: Io): boolean {
	const hit = statAt(proc.draft, proc.view, segs);
	if (typeof hit !== 'string' && hit.type === 'dir') {
		const entries = listAt(proc.draft, proc.view, segs);
		let ok = true;
		if (typeof entries !== 'string') for (const [name] of entries) ok = removeTree(proc, [...segs, name], `${shown.replace(/\/$/, '')}/${name}`, io) && ok;
		if (!ok) return false;
	}
	const error = unlinkAt(proc.draft, proc.view, segs);
	if (error === undefined) return true;
	io.err.push(proc.gnu ? `rm: cannot remove '${shown}': ${errorText(proc, error)}\n` : `rm: can't remove '${shown}': ${errorText(proc, error)}\n`);
	return false;
}

const rm: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'rRfiv', io);
	if (parsed === undefined) return 1;
	const recursive = parsed.flags.has('r') || parsed.flags.has('R');
	const force = parsed.flags.has('f');
	if (parsed.operands.length === 0 && !force) {
		io.err.push(proc.gnu ? "rm: missing operand\nTry 'rm --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: rm [-irf] FILE...\n');
		return 1;
	}
	let status = 0;
	for (const operand of parsed.operands) {
		const segs = pathSegments(operand, proc.cwd);
		const hit = statAt(proc.draft, proc.view, segs);
		if (typeof hit === 'string') {
			if (force) continue;
			io.err.push(proc.gnu ? `rm: cannot remove '${operand}': ${fsMessage(hit)}\n` : `rm: can't remove '${operand}': ${fsMessage(hit)}\n`);
			status = 1;
			continue;
		}
		if (hit.type === 'dir' && !recursive) {
			io.err.push(proc.gnu ? `rm: cannot remove '${operand}': Is a directory\n` : `rm: '${operand}' is a directory\n`);
			status = 1;
			continue;
		}
		if (!removeTree(proc, segs, operand, io)) status = 1;
	}
	return status;
};

const rmdir: Program = (proc, argv, io) => {
	let status = 0;
	for (const operand of argv.slice(1)) {
		const segs = pathSegments(operand, proc.cwd);
		const hit = statAt(proc.draft, proc.view, segs);
		const error = typeof hit !== 'string' && hit.type === 'file' ? 'ENOTDIR' : unlinkAt(proc.draft, proc.view, segs);
		if (error !== undefined) {
			io.err.push(proc.gnu ? `rmdir: failed to remove '${operand}': ${errorText(proc, error)}\n` : `rmdir: '${operand}': ${errorText(proc, error)}\n`);
			status = 1;
		}
	}
	return status;
};

const touch: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'acm', io);
	if (parsed === undefined) return 1;
	let status = 0;
	for (const operand of parsed.operands) {
		const segs = pathSegments(operand, proc.cwd);
		const exists = typeof statAt(proc.draft, proc.view, segs) !== 'string';
		const error = exists ? touchAt(proc.draft, proc.view, segs) : parsed.flags.has('c') ? undefined : writeAt(proc.draft, proc.view, segs, '');
		if (error !== undefined) {
			io.err.push(proc.gnu ? `touch: cannot touch '${operand}': ${fsMessage(error)}\n` : `touch: ${operand}: ${fsMessage(error)}\n`);
			status = 1;
		}
	}
	return status;
};

const SLEEP_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
const sleep: Program = (proc, argv, io) => {
	if (argv.length < 2) {
		io.err.push(proc.gnu ? "sleep: missing operand\nTry 'sleep --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: sleep [N]...\n');
		return 1;
	}
	let total = 0;
	for (const arg of argv.slice(1)) {
		const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
		if (match === null) {
			io.err.push(proc.gnu ? `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n` : `sleep: invalid number '${arg}'\n`);
			return 1;
		}
		total += Number(match[1]) * (SLEEP_UNITS[match[2] ?? ''] ?? 1);
	}
	// Containers "run" instantly: a main process that would sleep a second or more stays running.
	return proc.main && total >= 1 ? BLOCKED : 0;
};

const hostname: Program = (proc, _argv, io) => {
	io.out.push(`${proc.hostname}\n`);
	return 0;
};

const env: Program = (proc, _argv, io) => {
	io.out.push([...proc.env].map(([name, value]) => `${name}=${value}\n`).join(''));
	return 0;
};

const sh: Program = (proc, argv, io) => {
	const sub: Proc = { ...proc, depth: proc.depth + 1, exited: undefined };
	let status: number;
	if (argv[1] === '-c') {
		if (argv[2] === undefined) {
			io.err.push('sh: -c requires an argument\n');
			return 2;
		}
		status = runScript(sub, argv[2], io);
	} else if (argv[1] !== undefined && !argv[1].startsWith('-')) {
		const content = readAt(proc.draft, proc.view, pathSegments(argv[1], proc.cwd));
		if (typeof content !== 'string') {
			io.err.push(`sh: can't open '${argv[1]}': ${fsMessage(content.error)}\n`);
			return 2;
		}
		status = runScript(sub, content, io);
	} else if (proc.main && proc.interactive) return BLOCKED;
	else status = runScript(sub, io.stdin, io);
	proc.stopsOnTerm = sub.stopsOnTerm;
	return status;
};

export const PROGRAMS: Readonly<Record<string, Program>> = {
	echo,
	cat,
	ls,
	mkdir,
	rm,
	rmdir,
	touch,
	sleep,
	hostname,
	env,
	sh,
	ash: sh,
	true: () => 0,
	false: () => 1,
	pwd: (proc, _argv, io) => {
		io.out.push(`${proc.cwd}\n`);
		return 0;
	},
};

/** Programs available at the host prompt (besides `docker` and the shell builtins). */
export const HOST_COMMANDS = ['cat', 'chmod', 'cp', 'echo', 'ls', 'mkdir', 'rm', 'rmdir', 'sleep', 'stat', 'touch'] as const;

/** A program by file name: the core's own, or an extension's (which throws when that extension is not loaded). */
function program(name: string): Program | undefined {
	return Object.hasOwn(PROGRAMS, name) ? PROGRAMS[name] : extensionProgram(name);
}

export function hostLookup(_proc: Proc, name: string): Program | 'missing' {
	return (HOST_COMMANDS as readonly string[]).includes(name) ? (program(name) as Program) : 'missing';
}

/** PATH search inside a container: the file must exist in the container's filesystem. */
export function containerLookup(proc: Proc, name: string): Program | 'missing' | 'unmodelled' {
	if (name === '') return 'missing';
	const candidates = name.includes('/')
		? [pathSegments(name, proc.cwd)]
		: (proc.env.get('PATH') ?? '/bin').split(':').map((dir) => pathSegments(name, dir === '' ? '/' : dir));
	for (const segs of candidates) {
		const hit = statAt(proc.draft, proc.view, segs);
		if (typeof hit === 'string' || hit.type !== 'file') continue;
		const base = segs[segs.length - 1] as string;
		return program(base) ?? 'unmodelled';
	}
	return 'missing';
}
