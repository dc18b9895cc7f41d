/**
 * The `files` extension (see ../extensions.ts): the coreutils `cp`, `chmod`, `chown` and `stat`
 * (host and busybox) and the shell's `test` / `[`, loaded by the browser only when a command runs
 * one of them. Busybox `tar` is an extension of its own (tar.ts).
 */
import { pathSegments, type DirNode, type FsError } from '../model/fs.ts';
import { fsMessage, listAt, mkdirAt, statAt, touchAt, writeAt } from '../model/world.ts';
import type { Extension } from '../extensions.ts';
import { options, ownerId, userName } from './programs.ts';
import { shellName, type Proc, type Program } from './shell.ts';

function copyNode(proc: Proc, from: string[], to: string[], recursive: boolean): FsError | undefined {
	const hit = statAt(proc.draft, proc.view, from);
	if (typeof hit === 'string') return hit;
	if (hit.type === 'file') return writeAt(proc.draft, proc.view, to, hit.node.content);
	if (!recursive) return 'EISDIR';
	const target = statAt(proc.draft, proc.view, to);
	if (typeof target === 'string') {
		const error = mkdirAt(proc.draft, proc.view, to);
		if (error !== undefined) return error;
	}
	const entries = listAt(proc.draft, proc.view, from);
	if (typeof entries === 'string') return entries;
	for (const [name] of entries) {
		const error = copyNode(proc, [...from, name], [...to, name], recursive);
		if (error !== undefined) return error;
	}
	return undefined;
}

const cp: Program = (proc, argv, io) => {
	const parsed = options(proc, argv, 'rRaf', io);
	if (parsed === undefined) return 1;
	const operands = parsed.operands;
	if (operands.length < 2) {
		io.err.push(proc.gnu ? "cp: missing file operand\nTry 'cp --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: cp [-rRaf] SOURCE... DEST\n');
		return 1;
	}
	const dest = operands[operands.length - 1] as string;
	const destSegs = pathSegments(dest, proc.cwd);
	const destHit = statAt(proc.draft, proc.view, destSegs);
	const intoDir = typeof destHit !== 'string' && destHit.type === 'dir';
	let status = 0;
	for (const source of operands.slice(0, -1)) {
		const from = pathSegments(source, proc.cwd);
		const to = intoDir ? [...destSegs, from[from.length - 1] ?? ''] : destSegs;
		const error = copyNode(proc, from, to, parsed.flags.has('r') || parsed.flags.has('R') || parsed.flags.has('a'));
		if (error !== undefined) {
			status = 1;
			if (error === 'EISDIR') io.err.push(proc.gnu ? `cp: -r not specified; omitting directory '${source}'\n` : `cp: omitting directory '${source}'\n`);
			else io.err.push(proc.gnu ? `cp: cannot stat '${source}': ${fsMessage(error)}\n` : `cp: can't stat '${source}': ${fsMessage(error)}\n`);
		}
	}
	return status;
};

function changeTree(proc: Proc, segs: string[], change: { mode?: number; uid?: number; gid?: number }, recursive: boolean): FsError | undefined {
	const error = touchAt(proc.draft, proc.view, segs, change);
	if (error !== undefined || !recursive) return error;
	const entries = listAt(proc.draft, proc.view, segs);
	if (typeof entries === 'string') return undefined;
	for (const [name] of entries) {
		const nested = changeTree(proc, [...segs, name], change, true);
		if (nested !== undefined) return nested;
	}
	return undefined;
}

function changer(kind: 'chmod' | 'chown'): Program {
	return (proc, argv, io) => {
		const parsed = options(proc, argv, 'R', io);
		if (parsed === undefined) return 1;
		const [spec = '', ...paths] = parsed.operands;
		let change: { mode?: number; uid?: number; gid?: number } | undefined;
		if (kind === 'chmod') change = /^[0-7]{3,4}$/.test(spec) ? { mode: parseInt(spec, 8) } : undefined;
		else {
			const [user = '', group] = spec.split(':');
			const uid = ownerId(proc, user, 'passwd');
			const gid = group === undefined ? undefined : ownerId(proc, group, 'group');
			if (uid !== undefined && (group === undefined || gid !== undefined)) change = gid === undefined ? { uid } : { uid, gid };
		}
		if (change === undefined || paths.length === 0) {
			io.err.push(`${kind}: invalid ${kind === 'chmod' ? 'mode' : 'user'}: '${spec}'\n`);
			return 1;
		}
		let status = 0;
		for (const path of paths) {
			const error = changeTree(proc, pathSegments(path, proc.cwd), change, parsed.flags.has('R'));
			if (error !== undefined) {
				io.err.push(proc.gnu ? `${kind}: cannot access '${path}': ${fsMessage(error)}\n` : `${kind}: ${path}: ${fsMessage(error)}\n`);
				status = 1;
			}
		}
		return status;
	};
}

/** `stat -c FORMAT FILE…` (%n %s %F %a %u %g %U %G); without -c, the format is `%n`. */
const stat: Program = (proc, argv, io) => {
	const format = argv[1] === '-c' ? (argv[2] ?? '') : '%n';
	let status = 0;
	for (const path of argv.slice(argv[1] === '-c' ? 3 : 1)) {
		const hit = statAt(proc.draft, proc.view, pathSegments(path, proc.cwd));
		if (typeof hit === 'string') {
			io.err.push(proc.gnu ? `stat: cannot statx '${path}': ${fsMessage(hit)}\n` : `stat: can't stat '${path}': ${fsMessage(hit)}\n`);
			status = 1;
			continue;
		}
		const node = hit.type === 'file' ? hit.node : (hit.dirs[0] as { node: DirNode }).node;
		const fields: Record<string, string> = {
			n: path,
			s: String(node.type === 'file' ? new TextEncoder().encode(node.content).length : 4096),
			F: node.type === 'file' ? (node.content === '' ? 'regular empty file' : 'regular file') : 'directory',
			a: (node.mode & 0o7777).toString(8),
			u: String(node.uid),
			g: String(node.gid),
			U: userName(proc, node.uid, 'passwd'),
			G: userName(proc, node.gid, 'group'),
		};
		io.out.push(`${format.replace(/%(.)/g, (match, key: string) => fields[key] ?? (key === '%' ? '%' : match))}\n`);
	}
	return status;
};

// ---- test / [ (shell builtins) -------------------------------------------------------------------

/** `test` / `[`: file tests and string comparisons. */
function test(proc: Proc, args: readonly string[]): boolean {
	const [a = '', b, c] = args;
	if (args[0] === '!') return !test(proc, args.slice(1));
	if (args.length === 0) return false;
	if (args.length === 1) return a !== '';
	if (args.length === 2) {
		if (a === '-z') return (b ?? '') === '';
		if (a === '-n') return (b ?? '') !== '';
		const hit = statAt(proc.draft, proc.view, pathSegments(b ?? '', proc.cwd));
		if (typeof hit === 'string') return false;
		return a === '-e' || (a === '-d' && hit.type === 'dir') || (a === '-f' && hit.type === 'file') || (a === '-s' && hit.type === 'file' && hit.node.content !== '');
	}
	if (b === '=' || b === '==') return a === c;
	if (b === '!=') return a !== c;
	const [x, y] = [Number(a), Number(c)];
	return ({ '-eq': x === y, '-ne': x !== y, '-lt': x < y, '-le': x <= y, '-gt': x > y, '-ge': x >= y } as Record<string, boolean>)[b ?? ''] ?? false;
}

const testBuiltin: Program = (proc, argv) => (test(proc, argv.slice(1)) ? 0 : 1);
const bracket: Program = (proc, argv, io) => {
	if (argv[argv.length - 1] !== ']') {
		io.err.push(`${shellName(proc)}: [: missing ]\n`);
		return 2;
	}
	return test(proc, argv.slice(1, -1)) ? 0 : 1;
};

export const EXTENSION: Extension = { name: 'files', programs: { cp, chmod: changer('chmod'), chown: changer('chown'), stat, test: testBuiltin, '[': bracket } };
