/**
 * What the teaching images' extensions share (see ../extensions.ts): each of `nginx`, `postgres`,
 * `mysql` and `node` is an extension of its own (images/*.ts) holding that image's files and
 * programs, which the browser fetches when a container of that image is made. Their configs and
 * VOLUMEs are in model/images.ts.
 */
import { dir, pathSegments, type DirNode } from '../model/fs.ts';
import { listAt, mkdirAt, writeAt } from '../model/world.ts';
import type { Extension, ExtensionName } from '../extensions.ts';
import { BLOCKED, type Io, type Proc, type Program } from './shell.ts';

export function isEmptyAt(proc: Proc, path: string): boolean {
	const entries = listAt(proc.draft, proc.view, pathSegments(path));
	return typeof entries === 'string' || entries.length === 0;
}

export function writeFiles(proc: Proc, root: string, files: Readonly<Record<string, string | null>>): void {
	for (const [name, content] of Object.entries(files)) {
		const segs = pathSegments(name, root);
		if (content === null) mkdirAt(proc.draft, proc.view, segs, { mode: 0o700, uid: 999, gid: 999 });
		else writeAt(proc.draft, proc.view, segs, content);
	}
}

export function service(io: Io, proc: Proc, lines: string): number {
	io.out.push(lines);
	proc.stopsOnTerm = true;
	return proc.main ? BLOCKED : 0;
}

/** `docker-entrypoint.sh ARGS`: the official images' entrypoints just run their command. */
export const entrypoint: Program = (proc, argv, io) => {
	const rest = argv.slice(1);
	if (rest.length === 0) return 0;
	const next = proc.lookup(proc, rest[0] as string);
	if (typeof next === 'string') {
		io.err.push(`${argv[0]}: exec: ${rest[0]}: not found\n`);
		return 127;
	}
	return next(proc, rest, io);
};

export const ownedDir = (mode: number, uid: number): DirNode => dir(undefined, mode, uid, uid);

/** A teaching image's extension: its programs (with the entrypoint they all share) and its own layer. */
export function teachingImage(name: ExtensionName, programs: Readonly<Record<string, Program>>, layer: DirNode): Extension {
	return { name, programs: { ...programs, 'docker-entrypoint.sh': entrypoint }, layers: { [name]: layer } };
}
