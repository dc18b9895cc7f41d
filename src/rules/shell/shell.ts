/**
 * Runs parsed shell scripts against a mount-aware view: expansion, redirects, pipelines, `&&`/`||`.
 * The host prompt is bash-flavoured (GNU messages); containers run busybox `sh`.
 */
import { pathSegments, pathString } from '../model/fs.ts';
import { fsMessage, listAt, readAt, statAt, writeAt, type Draft, type View } from '../model/world.ts';
import { extensionProgram } from '../extensions.ts';
import { parseScript, type AndOr, type Pipeline, type Redirect, type SimpleCommand, type Word } from '../cli/shell-parse.ts';

/** A program's exit status when it keeps running (the container stays `running`). */
export const BLOCKED = -1;

export interface Io {
	readonly stdin: string;
	readonly out: string[];
	readonly err: string[];
}

export interface Proc {
	readonly draft: Draft;
	readonly view: View;
	cwd: string;
	readonly env: Map<string, string>;
	/** Host prompt (bash + GNU coreutils) or container (busybox). */
	readonly gnu: boolean;
	/** The container's main process: `sleep N` and an interactive `sh` keep it running. */
	readonly main: boolean;
	/** An interactive `sh` (started with -i or -t) waits for input instead of exiting. */
	readonly interactive: boolean;
	readonly hostname: string;
	lastStatus: number;
	/** Set by `exit`. */
	exited: number | undefined;
	/** Set by service programs (nginx, postgres…) that exit cleanly on SIGTERM. */
	stopsOnTerm: boolean;
	depth: number;
	/** Runs `docker …` at the host prompt. */
	readonly docker?: (argv: readonly string[], io: Io) => number;
	/** Finds the program for a command name (builtins are handled before). */
	readonly lookup: (proc: Proc, name: string) => Program | 'missing' | 'unmodelled';
}

export type Program = (proc: Proc, argv: readonly string[], io: Io) => number;

export function shellName(proc: Proc): string {
	return proc.gnu ? 'bash' : 'sh';
}

/** Runs a whole command line; returns the exit status (or BLOCKED). */
export function runScript(proc: Proc, src: string, io: Io): number {
	if (proc.depth > 20) {
		io.err.push(`${shellName(proc)}: nesting too deep\n`);
		return 2;
	}
	const script = parseScript(src);
	if ('error' in script) {
		if (proc.gnu) {
			io.err.push(script.error === 'unterminated' ? `bash: unexpected EOF while looking for matching \`${script.token}'\n` : `bash: syntax error near unexpected token \`${script.token}'\n`);
		} else {
			io.err.push(script.error === 'unterminated' ? 'sh: syntax error: unterminated quoted string\n' : `sh: syntax error: unexpected "${script.token}"\n`);
		}
		return 2;
	}
	let status = 0;
	for (const andOr of script) {
		status = runAndOr(proc, andOr, io);
		proc.lastStatus = status === BLOCKED ? 0 : status;
		if (status === BLOCKED) return BLOCKED;
		if (proc.exited !== undefined) return proc.exited;
	}
	return status;
}

function runAndOr(proc: Proc, andOr: AndOr, io: Io): number {
	let status = runPipeline(proc, andOr.first, io);
	for (const { op, pipeline } of andOr.rest) {
		if (status === BLOCKED || proc.exited !== undefined) return status;
		proc.lastStatus = status;
		if ((op === '&&') === (status === 0)) status = runPipeline(proc, pipeline, io);
	}
	return status;
}

function runPipeline(proc: Proc, pipeline: Pipeline, io: Io): number {
	let stdin = io.stdin;
	let status = 0;
	pipeline.forEach((command, index) => {
		const last = index === pipeline.length - 1;
		const out: string[] = last ? io.out : [];
		status = runSimple(proc, command, { stdin, out, err: io.err });
		if (!last && status === BLOCKED) status = 0;
		stdin = last ? '' : out.join('');
	});
	return status;
}

// ---- expansion ----------------------------------------------------------------------------------

function variable(proc: Proc, name: string): string {
	if (name === '?') return String(proc.lastStatus);
	if (name === '$') return '1';
	if (name === '#') return '0';
	if (name === 'PWD') return proc.cwd;
	return proc.env.get(name) ?? '';
}

function substitute(proc: Proc, script: string): string {
	const out: string[] = [];
	const sub: Proc = { ...proc, depth: proc.depth + 1, exited: undefined, main: false };
	const status = runScript(sub, script, { stdin: '', out, err: [] });
	proc.lastStatus = status === BLOCKED ? 0 : status;
	return out.join('').replace(/\n+$/, '');
}

/** Expands one word into fields: variables, `$(…)`, field splitting of unquoted results, globs. */
export function expandWord(proc: Proc, word: Word): string[] {
	// A plain word (the common case) needs no splitting, and globbing only with * or ? (it holds no backslash).
	if (typeof word === 'string') return /[*?]/.test(word) ? glob(proc, word, word) : [word];
	const only = word[0];
	if (word.length === 1 && only?.kind === 'lit' && only.quoted) return [only.text];
	const fields: Array<{ text: string; pattern: string }> = [];
	let current: { text: string; pattern: string } | undefined;
	const append = (text: string, quoted: boolean): void => {
		current ??= { text: '', pattern: '' };
		current.text += text;
		current.pattern += quoted ? text.replace(/[*?[\\]/g, '\\$&') : text;
	};
	const close = (): void => {
		if (current !== undefined) fields.push(current);
		current = undefined;
	};
	for (const part of word) {
		if (part.kind === 'lit') {
			append(part.text, part.quoted);
			continue;
		}
		const value = part.kind === 'var' ? variable(proc, part.name) : substitute(proc, part.script);
		if (part.quoted) {
			append(value, true);
			continue;
		}
		const pieces = value.split(/[ \t\n]+/);
		pieces.forEach((piece, index) => {
			if (index > 0) close();
			if (piece !== '') append(piece, true);
		});
	}
	close();
	return fields.flatMap((field) => (/(^|[^\\])[*?]/.test(field.pattern) ? glob(proc, field.pattern, field.text) : [field.text]));
}

function globRegex(segment: string): RegExp {
	let source = '';
	for (let i = 0; i < segment.length; i++) {
		const c = segment[i] as string;
		if (c === '\\' && i + 1 < segment.length) source += (segment[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		else if (c === '*') source += '[^/]*';
		else if (c === '?') source += '[^/]';
		else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	}
	return new RegExp(`^${source}$`);
}

function glob(proc: Proc, pattern: string, literal: string): string[] {
	const absolute = pattern.startsWith('/');
	const segments = pattern.split('/').filter((seg) => seg !== '');
	let candidates = [absolute ? '/' : ''];
	for (const segment of segments) {
		const next: string[] = [];
		const join = (base: string, name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
		if (/(^|[^\\])[*?]/.test(segment)) {
			const regex = globRegex(segment);
			for (const base of candidates) {
				const entries = listAt(proc.draft, proc.view, pathSegments(base === '' ? '.' : base, proc.cwd));
				if (typeof entries === 'string') continue;
				for (const [name] of entries) if ((segment.startsWith('.') || !name.startsWith('.')) && regex.test(name)) next.push(join(base, name));
			}
		} else {
			const plain = segment.replace(/\\(.)/g, '$1');
			for (const base of candidates) next.push(join(base, plain));
		}
		candidates = next;
	}
	const found = candidates.filter((path) => typeof statAt(proc.draft, proc.view, pathSegments(path, proc.cwd)) !== 'string');
	return found.length === 0 ? [literal] : found.sort();
}

// ---- simple commands ----------------------------------------------------------------------------

type Sink = { readonly kind: 'out' } | { readonly kind: 'err' } | { readonly kind: 'null' } | { readonly kind: 'file'; readonly segs: string[] };

function redirectError(proc: Proc, io: Io, path: string, error: string, create: boolean): number {
	if (proc.gnu) io.err.push(`bash: ${path}: ${error}\n`);
	else if (create) io.err.push(`sh: can't create ${path}: ${error === 'No such file or directory' ? 'nonexistent directory' : error}\n`);
	else io.err.push(`sh: can't open ${path}: ${error === 'No such file or directory' ? 'no such file' : error}\n`);
	return 1;
}

function openRedirects(proc: Proc, redirects: readonly Redirect[], io: Io, fds: Map<number, Sink>): { stdin: string } | number {
	let stdin = io.stdin;
	for (const redirect of redirects) {
		const [target = ''] = expandWord(proc, redirect.target);
		if (redirect.op === '>&') {
			const from = fds.get(Number(target));
			if (!/^[0-9]$/.test(target) || from === undefined) {
				io.err.push(`${shellName(proc)}: ${target}: bad file descriptor\n`);
				return 1;
			}
			fds.set(redirect.fd, from);
			continue;
		}
		if (target === '/dev/null') {
			if (redirect.op === '<') stdin = '';
			else fds.set(redirect.fd, { kind: 'null' });
			continue;
		}
		const segs = pathSegments(target, proc.cwd);
		if (redirect.op === '<') {
			const content = readAt(proc.draft, proc.view, segs);
			if (typeof content !== 'string') return redirectError(proc, io, target, fsMessage(content.error), false);
			if (redirect.fd === 0) stdin = content;
			continue;
		}
		const current = readAt(proc.draft, proc.view, segs);
		const error = writeAt(proc.draft, proc.view, segs, redirect.op === '>' || typeof current !== 'string' ? '' : current, false);
		if (error !== undefined) return redirectError(proc, io, target, fsMessage(error), true);
		fds.set(redirect.fd, { kind: 'file', segs });
	}
	return { stdin };
}

function deliver(proc: Proc, sink: Sink | undefined, text: string, io: Io): void {
	if (text === '' || sink === undefined || sink.kind === 'null') return;
	if (sink.kind === 'out') io.out.push(text);
	else if (sink.kind === 'err') io.err.push(text);
	else writeAt(proc.draft, proc.view, sink.segs, text, true);
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

function runSimple(proc: Proc, command: SimpleCommand, io: Io): number {
	const argv: string[] = [];
	const assignments: Array<[string, string]> = [];
	for (const word of command.words) {
		const first = typeof word === 'string' ? word : word[0]?.kind === 'lit' && !word[0].quoted ? word[0].text : '';
		if (argv.length === 0 && first.includes('=') && ASSIGNMENT.test(first)) {
			const match = ASSIGNMENT.exec(first) as RegExpExecArray;
			const rest = expandWord(proc, [{ kind: 'lit', text: match[2] as string, quoted: true }, ...(typeof word === 'string' ? [] : word.slice(1))]).join(' ');
			assignments.push([match[1] as string, rest]);
			continue;
		}
		if (typeof word === 'string' && !/[*?]/.test(word)) {
			argv.push(word);
			continue;
		}
		argv.push(...expandWord(proc, word));
	}
	if (command.redirects.length === 0 && assignments.length === 0 && argv.length > 0) return runCommand(proc, argv, io);
	const fds = new Map<number, Sink>([
		[1, { kind: 'out' }],
		[2, { kind: 'err' }],
	]);
	const opened = openRedirects(proc, command.redirects, io, fds);
	if (typeof opened === 'number') return opened;
	if (argv.length === 0) {
		for (const [name, value] of assignments) proc.env.set(name, value);
		return 0;
	}
	const local: Io = { stdin: opened.stdin, out: [], err: [] };
	const saved = assignments.map(([name]) => [name, proc.env.get(name)] as const);
	for (const [name, value] of assignments) proc.env.set(name, value);
	const status = runCommand(proc, argv, local);
	for (const [name, value] of saved) {
		if (value === undefined) proc.env.delete(name);
		else proc.env.set(name, value);
	}
	deliver(proc, fds.get(1), local.out.join(''), io);
	deliver(proc, fds.get(2), local.err.join(''), io);
	return status;
}

/** A builtin whose implementation an extension holds (`test` and `[` are in `files`). */
const fromExtension =
	(name: string): Program =>
	(proc, argv, io) =>
		(extensionProgram(name) as Program)(proc, argv, io);

const BUILTINS: Readonly<Record<string, Program>> = {
	test: fromExtension('test'),
	'[': fromExtension('['),
	cd(proc, argv, io) {
		const target = argv[1] ?? proc.env.get('HOME') ?? '/';
		const segs = pathSegments(target, proc.cwd);
		const hit = statAt(proc.draft, proc.view, segs);
		const error = typeof hit === 'string' ? hit : hit.type === 'dir' ? undefined : 'ENOTDIR';
		if (error !== undefined) {
			io.err.push(proc.gnu ? `bash: cd: ${target}: ${fsMessage(error)}\n` : `sh: cd: can't cd to ${target}: ${fsMessage(error)}\n`);
			return proc.gnu ? 1 : 2;
		}
		proc.cwd = pathString(segs);
		if (proc.gnu) proc.draft.setCwd(proc.cwd);
		return 0;
	},
	pwd(proc, _argv, io) {
		io.out.push(`${proc.cwd}\n`);
		return 0;
	},
	exit(proc, argv, io) {
		const code = argv[1] === undefined ? proc.lastStatus : Number(argv[1]);
		if (!Number.isInteger(code)) {
			io.err.push(`${shellName(proc)}: exit: ${argv[1]}: numeric argument required\n`);
			proc.exited = 2;
			return 2;
		}
		proc.exited = ((code % 256) + 256) % 256;
		return proc.exited;
	},
	true: () => 0,
	false: () => 1,
	export(proc, argv) {
		for (const arg of argv.slice(1)) {
			const match = ASSIGNMENT.exec(arg);
			if (match !== null) proc.env.set(match[1] as string, match[2] as string);
		}
		return 0;
	},
};

/** Runs one command (builtin or program) with its argv already expanded. */
export function runCommand(proc: Proc, argv: readonly string[], io: Io): number {
	const name = argv[0] ?? '';
	const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
	if (builtin !== undefined) return builtin(proc, argv, io);
	if (proc.gnu && name === 'docker' && proc.docker !== undefined) return proc.docker(argv.slice(1), io);
	const program = proc.lookup(proc, name);
	if (program === 'missing') {
		io.err.push(proc.gnu ? `bash: ${name}: command not found\n` : `sh: ${name}: not found\n`);
		return 127;
	}
	if (program === 'unmodelled') {
		io.err.push(`${shellName(proc)}: ${name}: this command is not modelled by the simulator\n`);
		return 127;
	}
	return program(proc, argv, io);
}
