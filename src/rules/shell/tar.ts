/**
 * The `tar` extension (see ../extensions.ts): busybox `tar`, loaded by the browser only when a
 * command runs it (the backup-and-restore pattern of the volume-containers chapter).
 */
import { pathSegments, utf8Length, type FsError } from '../model/fs.ts';
import { EPOCH } from '../model/state.ts';
import { fsMessage, listAt, locate, mkdirAt, readAt, statAt, touchAt, unlinkAt, writeAt } from '../model/world.ts';
import { rfc3339 } from '../cli/format.ts';
import type { Extension } from '../extensions.ts';
import { modeString, ownerId, userName } from './programs.ts';
import type { Io, Proc, Program } from './shell.ts';

// ---- busybox tar ------------------------------------------------------------------------------
// The archive is a real ustar stream (GNU magic, as busybox writes it) held in the file's content as
// a byte string: 512-byte headers, member data padded to 512, two zero blocks at the end. So its
// size is what `ls -l` shows for a real one. Compression is not modelled: `z`/`j`/`J`/`Z` only put
// that format's magic bytes in front, so that reading an archive with the wrong flag fails as it does.

const TAR_USAGE = 'BusyBox v1.37.0 multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...\n\nCreate, extract, or list files from a tar file\n';
/** Short options; a ':' marks one that takes a value. */
const TAR_SHORT = 'ctxvOokmhpzjJZaf:C:';
/** Long options → the short letter (or a private one) they set. */
const TAR_LONG: Readonly<Record<string, string>> = {
	list: 't',
	extract: 'x',
	create: 'c',
	directory: 'C:',
	file: 'f:',
	verbose: 'v',
	'to-stdout': 'O',
	'keep-old': 'k',
	touch: 'm',
	'same-permissions': 'p',
	dereference: 'h',
	gzip: 'z',
	bzip2: 'j',
	xz: 'J',
	compress: 'Z',
	'auto-compress': 'a',
	'no-same-owner': 'o',
	'no-same-permissions': 'P',
	'numeric-owner': 'N',
	overwrite: 'W',
	'strip-components': 'S:',
};
const MAGIC: Readonly<Record<string, string>> = { z: '\x1f\x8b', j: 'BZh', J: '\xfd7zXZ\x00', Z: '\x1f\x9d' };
const EXTENSIONS: ReadonlyArray<readonly [RegExp, string]> = [
	[/\.t?gz$/, 'z'],
	[/\.(tbz2?|bz2)$/, 'j'],
	[/\.t?xz$/, 'J'],
	[/\.(taz|Z)$/, 'Z'],
];
const BLOCK = 512;
const MTIME = rfc3339(EPOCH).replace('T', ' ').replace('Z', '');

interface TarArgs {
	readonly mode: string;
	readonly counts: ReadonlyMap<string, number>;
	readonly values: ReadonlyMap<string, string>;
	readonly operands: readonly string[];
}

interface Member {
	readonly name: string;
	readonly type: string;
	readonly mode: number;
	readonly uid: number;
	readonly gid: number;
	readonly uname: string;
	readonly gname: string;
	readonly content: string;
}

function tarUsage(io: Io, message: string): number {
	io.err.push(`${message === '' ? '' : `tar: ${message}\n`}${TAR_USAGE}`);
	return 1;
}

/** getopt_long as busybox calls it: a first word without `-` is a bundle of letters, options may come anywhere. */
function tarArgs(argv: readonly string[], io: Io): TarArgs | number {
	const args = argv.slice(1);
	if (args[0] !== undefined && args[0] !== '' && !args[0].startsWith('-')) args[0] = `-${args[0]}`;
	const counts = new Map<string, number>();
	const values = new Map<string, string>();
	const operands: string[] = [];
	const set = (key: string, value?: string): void => {
		counts.set(key, (counts.get(key) ?? 0) + 1);
		if (value !== undefined) values.set(key, value);
	};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] as string;
		if (arg === '--') {
			operands.push(...args.slice(i + 1));
			break;
		}
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			const given = arg.slice(2, eq < 0 ? undefined : eq);
			const names = Object.keys(TAR_LONG).filter((name) => name.startsWith(given));
			const name = names.includes(given) ? given : names.length === 1 ? (names[0] as string) : undefined;
			if (name === undefined) return tarUsage(io, names.length === 0 ? `unrecognized option '${arg.slice(0, eq < 0 ? undefined : eq)}'` : `option '--${given}' is ambiguous; possibilities: ${names.map((n) => `'--${n}'`).join(' ')}`);
			const spec = TAR_LONG[name] as string;
			if (!spec.endsWith(':')) {
				if (eq >= 0) return tarUsage(io, `option '--${name}' doesn't allow an argument`);
				set(spec);
				continue;
			}
			const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
			if (value === undefined) return tarUsage(io, `option '--${name}' requires an argument`);
			set(spec[0] as string, value);
			continue;
		}
		if (!arg.startsWith('-') || arg === '-') {
			operands.push(arg);
			continue;
		}
		for (let j = 1; j < arg.length; j++) {
			const letter = arg[j] as string;
			const at = TAR_SHORT.indexOf(letter);
			if (letter === ':' || at < 0) return tarUsage(io, `invalid option -- '${letter}'`);
			if (TAR_SHORT[at + 1] !== ':') {
				set(letter);
				continue;
			}
			const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
			if (value === undefined) return tarUsage(io, `option requires an argument -- '${letter}'`);
			set(letter, value);
			break;
		}
	}
	const modes = ['c', 't', 'x'].filter((mode) => counts.has(mode));
	if (modes.length !== 1 || (counts.get(modes[0] as string) ?? 0) > 1) return tarUsage(io, '');
	return { mode: modes[0] as string, counts, values, operands };
}

// ---- the ustar stream ----

/** UTF-8 bytes of a text, one character per byte. */
function bytesOf(text: string): string {
	if (!/[\u0080-\uffff]/.test(text)) return text;
	let out = '';
	for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
	return out;
}
function textOf(bytes: string): string {
	if (!/[\u0080-\uffff]/.test(bytes)) return bytes;
	return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0) & 0xff));
}
const padding = (size: number): string => '\0'.repeat((BLOCK - (size % BLOCK)) % BLOCK);
const cString = (field: string): string => field.split('\0', 1)[0] as string;
const octal = (value: number, width: number): string => `${value.toString(8).padStart(width - 1, '0')}\0`;

function header(name: string, type: string, fields: { mode: number; uid: number; gid: number; size: number; uname: string; gname: string }): string {
	const text = `${name.slice(0, 100).padEnd(100, '\0')}${octal(fields.mode & 0o7777, 8)}${octal(fields.uid, 8)}${octal(fields.gid, 8)}${octal(fields.size, 12)}${octal(EPOCH, 12)}        ${type}${''.padEnd(100, '\0')}ustar  \0${fields.uname.padEnd(32, '\0')}${fields.gname.padEnd(32, '\0')}`.padEnd(BLOCK, '\0');
	return `${text.slice(0, 148)}${checksum(text).toString(8).padStart(6, '0')}\0 ${text.slice(156)}`;
}

/** Sum of the header's bytes with the checksum field counted as spaces. */
function checksum(block: string): number {
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block.charCodeAt(i) & 0xff;
	return sum;
}

/** One member: a GNU long-name record first when the name does not fit in 100 bytes. */
function memberRecord(name: string, type: string, fields: { mode: number; uid: number; gid: number; uname: string; gname: string }, content: string): string {
	const bytes = bytesOf(name);
	const long = bytes.length < 100 ? '' : `${header('././@LongLink', 'L', { mode: 0, uid: 0, gid: 0, size: bytes.length + 1, uname: '', gname: '' })}${bytes}\0${padding(bytes.length + 1)}`;
	return `${long}${header(bytes, type, { ...fields, size: content.length })}${content}${padding(content.length)}`;
}

/** The members of a stream, and the error that stopped reading (busybox reports it after what it read). */
function readMembers(data: string): { members: Member[]; error?: string } {
	const members: Member[] = [];
	let longName: string | undefined;
	for (let pos = 0; ; ) {
		const block = data.slice(pos, pos + BLOCK);
		if (block.length === 0 && pos > 0) return { members };
		if (block.length < BLOCK) return { members, error: 'short read' };
		if (block.charCodeAt(0) === 0 && block.charCodeAt(345) === 0) return { members };
		if (!block.startsWith('ustar', 257)) return { members, error: 'invalid tar magic' };
		if (parseInt(cString(block.slice(148, 156)), 8) !== checksum(block)) return { members, error: 'invalid tar header checksum' };
		const size = parseInt(cString(block.slice(124, 136)), 8) || 0;
		const content = data.slice(pos + BLOCK, pos + BLOCK + size);
		if (content.length < size) return { members, error: 'short read' };
		pos += BLOCK + size + padding(size).length;
		const type = block[156] as string;
		if (type === 'L') {
			longName = cString(content);
			continue;
		}
		const prefix = cString(block.slice(345, 500));
		const name = longName ?? `${prefix === '' ? '' : `${prefix}/`}${cString(block.slice(0, 100))}`;
		longName = undefined;
		const number = (from: number, to: number): number => parseInt(cString(block.slice(from, to)), 8) || 0;
		members.push({ name: textOf(name), type: type === '\0' ? '0' : type, mode: number(100, 108), uid: number(108, 116), gid: number(116, 124), uname: cString(block.slice(265, 297)), gname: cString(block.slice(297, 329)), content: textOf(content) });
	}
}

/** busybox strip_unsafe_prefix: leading `/` and `../`, and everything up to a `/../`. */
function unsafePrefix(name: string): number {
	let at = 0;
	for (;;) {
		if (name[at] === '/') at++;
		else if (name.startsWith('../', at)) at += 3;
		else {
			const inner = name.indexOf('/../', at);
			if (inner < 0) return at;
			at = inner + 4;
		}
	}
}

function compression(args: TarArgs): string | undefined {
	for (const letter of 'zjJZ') if (args.counts.has(letter)) return letter;
	const file = args.values.get('f') ?? '-';
	return args.counts.has('a') ? EXTENSIONS.find(([pattern]) => pattern.test(file))?.[1] : undefined;
}

const tar: Program = (proc, argv, io) => {
	const args = tarArgs(argv, io);
	if (typeof args === 'number') return args;
	const stripText = args.values.get('S');
	if (stripText !== undefined && !/^\d+$/.test(stripText)) {
		io.err.push(`tar: invalid number '${stripText}'\n`);
		return 1;
	}
	const file = args.values.get('f') ?? '-';
	const archiveSegs = pathSegments(file, proc.cwd);
	const die = (message: string): number => {
		io.err.push(`tar: ${message}\n`);
		return 1;
	};
	const chdir = (): string | number => {
		const dir = args.values.get('C');
		if (dir === undefined) return proc.cwd;
		const segs = pathSegments(dir, proc.cwd);
		const hit = statAt(proc.draft, proc.view, segs);
		const error = typeof hit === 'string' ? hit : hit.type === 'dir' ? undefined : 'ENOTDIR';
		return error === undefined ? `/${segs.join('/')}` : die(`can't change directory to '${dir}': ${fsMessage(error)}`);
	};
	const magic = MAGIC[compression(args) ?? ''] ?? '';
	if (args.mode === 'c') return tarCreate(proc, io, args, { file, archiveSegs, magic, chdir, die });
	let data: string;
	if (file === '-') data = io.stdin;
	else {
		const content = readAt(proc.draft, proc.view, archiveSegs);
		if (typeof content !== 'string' && content.error !== 'EISDIR') return die(`can't open '${file}': ${fsMessage(content.error)}`);
		data = typeof content === 'string' ? content : '';
	}
	const base = chdir();
	if (typeof base === 'number') return base;
	if (magic !== '') {
		// The decompressor gives up, then tar finds nothing to read.
		if (!data.startsWith(magic)) return die('invalid magic\ntar: short read');
		data = data.slice(magic.length);
	}
	const { members, error } = readMembers(data);
	const patterns = args.operands.map((operand) => ({ operand, regex: globRegex(operand.replace(/\/+$/, '')), found: false }));
	const verbose = args.counts.get('v') ?? 0;
	const strip = Number(stripText ?? 0);
	for (const member of members) {
		const bare = member.name.replace(/\/+$/, '');
		const wanted = patterns.filter((pattern) => pattern.regex.test(bare));
		if (patterns.length > 0 && wanted.length === 0) continue;
		for (const pattern of wanted) pattern.found = true;
		if (verbose >= (args.mode === 't' ? 1 : 2)) {
			const user = member.uname === '' ? String(member.uid) : member.uname;
			const group = member.gname === '' ? String(member.gid) : member.gname;
			io.out.push(`${modeString({ type: member.type === '5' ? 'dir' : 'file', mode: member.mode })} ${user}/${group} ${String(member.type === '5' ? 0 : utf8Length(member.content)).padStart(9)} ${MTIME} ${member.name}\n`);
		} else if (verbose > 0 || args.mode === 't') io.out.push(`${member.name}\n`);
		if (args.mode === 't') continue;
		if (args.counts.has('O')) {
			if (member.type === '0') io.out.push(member.content);
			continue;
		}
		const fatal = extractMember(proc, io, args, member, base, strip);
		if (fatal !== undefined) return die(fatal);
	}
	if (error !== undefined) return die(error);
	const missing = patterns.filter((pattern) => !pattern.found);
	for (const pattern of missing) io.err.push(`tar: ${pattern.operand}: not found in archive\n`);
	return missing.length > 0 ? 1 : 0;
};

/** fnmatch with FNM_LEADING_DIR: the pattern matches the name or one of its leading directories. */
function globRegex(pattern: string): RegExp {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}(/.*)?$`, 's');
}

function tarCreate(proc: Proc, io: Io, args: TarArgs, context: { file: string; archiveSegs: string[]; magic: string; chdir: () => string | number; die: (message: string) => number }): number {
	const { file, archiveSegs, die } = context;
	if (args.operands.length === 0) return die('empty archive');
	const toStdout = file === '-';
	if (!toStdout) {
		const opened = writeAt(proc.draft, proc.view, archiveSegs, '');
		if (opened !== undefined) return die(`can't open '${file}': ${fsMessage(opened)}`);
	}
	const base = context.chdir();
	if (typeof base === 'number') return base;
	const where = (segs: readonly string[]): string => {
		const found = locate(proc.draft, proc.view, segs);
		return `${JSON.stringify(found.ref)}/${found.segs.join('/')}`;
	};
	const archive = toStdout ? undefined : where(archiveSegs);
	const records: string[] = [];
	const verbose = toStdout ? io.err : io.out;
	let warned = false;
	let failed = false;
	const add = (name: string): void => {
		const segs = pathSegments(name, base);
		const hit = statAt(proc.draft, proc.view, segs);
		if (typeof hit === 'string') {
			io.err.push(`tar: ${name}: ${fsMessage(hit)}\n`);
			failed = true;
			return;
		}
		if (archive !== undefined && where(segs) === archive) {
			io.err.push(`tar: ${name}: file is the archive; skipping\n`);
			return;
		}
		const unsafe = unsafePrefix(name);
		if (unsafe > 0 && !warned) {
			warned = true;
			io.err.push(`tar: removing leading '${name.slice(0, unsafe)}' from member names\n`);
		}
		const node = hit.type === 'file' ? hit.node : (hit.dirs[0] as { node: { mode: number; uid: number; gid: number } }).node;
		const headerName = name.slice(unsafe);
		if (headerName !== '') {
			const stored = hit.type === 'dir' && !headerName.endsWith('/') ? `${headerName}/` : headerName;
			const fields = { mode: node.mode, uid: node.uid, gid: node.gid, uname: userName(proc, node.uid, 'passwd'), gname: userName(proc, node.gid, 'group') };
			records.push(memberRecord(stored, hit.type === 'dir' ? '5' : '0', fields, hit.type === 'file' ? bytesOf(hit.node.content) : ''));
			if (args.counts.has('v')) verbose.push(`${stored}\n`);
		}
		if (hit.type !== 'dir') return;
		const entries = listAt(proc.draft, proc.view, segs);
		if (typeof entries !== 'string') for (const [child] of entries) add(name.endsWith('/') ? `${name}${child}` : `${name}/${child}`);
	};
	for (const operand of args.operands) add(operand);
	const stream = `${context.magic}${records.join('')}${'\0'.repeat(2 * BLOCK)}`;
	if (toStdout) io.out.push(stream);
	else writeAt(proc.draft, proc.view, archiveSegs, stream);
	return failed ? die('error exit delayed from previous errors') : 0;
}

/** unlink(2) of an old entry: a read-only mount refuses before looking, a directory is EISDIR. */
function unlinkOld(proc: Proc, segs: readonly string[], slash: boolean): FsError | undefined {
	if (locate(proc.draft, proc.view, segs).readonly) return 'EROFS';
	const hit = statAt(proc.draft, proc.view, segs);
	if (typeof hit === 'string') return hit;
	if (hit.type === 'dir') return 'EISDIR';
	return slash ? 'ENOTDIR' : unlinkAt(proc.draft, proc.view, segs);
}

/**
 * busybox data_extract_all for one member: strip, leading directories, unlink the old entry, create,
 * chown, chmod. Returns the message of an error that ends tar; other errors are reported and passed.
 */
function extractMember(proc: Proc, io: Io, args: TarArgs, member: Member, base: string, strip: number): string | undefined {
	let name = member.type === '5' ? member.name.replace(/\/+$/, '') : member.name;
	for (let n = strip; n > 0; n--) {
		const slash = name.indexOf('/');
		if (slash < 0 || slash === name.length - 1) return undefined;
		name = name.slice(slash + 1);
	}
	const segs = (path: string): string[] => pathSegments(path, base);
	const slash = name.lastIndexOf('/');
	if (slash > 0) name = leadingDirs(proc, io, name.slice(0, slash), segs) ?? name;
	if (member.type !== '5' && !args.counts.has('k')) {
		const error = unlinkOld(proc, segs(name), name.endsWith('/'));
		if (error !== undefined && error !== 'ENOENT') return `can't remove old file ${name}: ${fsMessage(error)}`;
	}
	if (member.type === '0') {
		const exists = typeof statAt(proc.draft, proc.view, segs(name)) !== 'string';
		const error = name.endsWith('/') ? 'EISDIR' : exists && args.counts.has('k') ? 'EEXIST' : writeAt(proc.draft, proc.view, segs(name), member.content);
		if (error !== undefined) return `can't open '${name}': ${fsMessage(error)}`;
	} else if (member.type === '5') {
		const error = mkdirAt(proc.draft, proc.view, segs(name));
		if (error !== undefined && error !== 'EEXIST') io.err.push(`tar: can't make dir ${name}: ${fsMessage(error)}\n`);
	} else return undefined;
	const owner = args.counts.has('N') ? { uid: member.uid, gid: member.gid } : ownerOf(proc, member);
	touchAt(proc.draft, proc.view, segs(name), { ...(args.counts.has('o') ? {} : owner), ...(args.counts.has('P') ? {} : { mode: member.mode & 0o7777 }) });
	return undefined;
}

/** The owner to restore: the names in the archive as this container knows them, else the numbers. */
function ownerOf(proc: Proc, member: Member): { uid: number; gid: number } {
	const named = (name: string, file: 'passwd' | 'group'): number | undefined => (name === '' || /^\d+$/.test(name) ? undefined : ownerId(proc, name, file));
	return { uid: named(member.uname, 'passwd') ?? member.uid, gid: named(member.gname, 'group') ?? member.gid };
}

/**
 * bb_make_directory(dir, -1, FILEUTILS_RECUR): `mkdir -p`, one prefix at a time. On an error it says
 * so and leaves the name cut after the failing prefix (busybox writes a NUL there and keeps going
 * with the shortened name): that shortened name is returned.
 */
function leadingDirs(proc: Proc, io: Io, dir: string, segs: (path: string) => string[]): string | undefined {
	if (dir === '/' || dir === '.') return undefined;
	for (let at = 0; ; ) {
		const next = dir.indexOf('/', at);
		let end = dir.length;
		if (next >= 0) {
			end = next;
			while (dir[end] === '/') end++;
		}
		const prefix = dir.slice(0, end);
		const final = next < 0 || end === dir.length;
		const made = mkdirAt(proc.draft, proc.view, segs(prefix));
		const hit = made === 'EEXIST' ? statAt(proc.draft, proc.view, segs(prefix)) : undefined;
		if (made !== undefined && (made !== 'EEXIST' || typeof hit === 'string' || hit?.type !== 'dir')) {
			io.err.push(`tar: can't create directory '${prefix}': ${fsMessage(made)}\n`);
			return final ? undefined : prefix;
		}
		if (final) return undefined;
		at = end;
	}
}

export const EXTENSION: Extension = { name: 'tar', programs: { tar } };
