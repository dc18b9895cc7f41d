/**
 * The `mounts` extension (see ../extensions.ts): the `--mount` syntax, from the CLI's CSV parser to
 * the daemon's checks of each mount. The core handles `-v`/`--volume`, `--volumes-from` and
 * `--tmpfs`; a browser fetches this when a command line uses `--mount`.
 */
import { pathSegments, pathString } from '../model/fs.ts';
import type { MountSpec } from '../model/state.ts';
import { HOST_VIEW, statAt, type Draft } from '../model/world.ts';
import type { Extension } from '../extensions.ts';
import { checkTarget, cleanPath, mountOf, pending, type Failure, type PendingMount } from './daemon.ts';

/** `--mount` CSV (opts/mount.go). */
export function parseMountFlag(value: string, cwd: string, relative: boolean): MountSpec | { error: string } {
	let type = 'volume';
	let source = '';
	let target = '';
	let readOnly = false;
	let noCopy = false;
	const touched = { volume: false, bind: false, tmpfs: false };
	const bool = (key: string, val: string): boolean | { error: string } => (/^(1|t|true|TRUE|True)$/.test(val) ? true : /^(0|f|false|FALSE|False)$/.test(val) ? false : { error: `invalid value for ${key}: ${val}` });
	for (const field of value.split(',')) {
		const eq = field.indexOf('=');
		const key = eq < 0 ? field : field.slice(0, eq);
		const val = eq < 0 ? '' : field.slice(eq + 1);
		if (eq < 0) {
			if (key === 'readonly' || key === 'ro') readOnly = true;
			else if (key === 'volume-nocopy') {
				noCopy = true;
				touched.volume = true;
			} else if (key === 'bind-nonrecursive') touched.bind = true;
			else return { error: `invalid field '${field}' must be a key=value pair` };
			continue;
		}
		switch (key) {
			case 'type':
				type = val.toLowerCase();
				break;
			case 'source':
			case 'src':
				source = relative && (val === '.' || val.startsWith('./')) ? pathString(pathSegments(val, cwd)) : val;
				break;
			case 'target':
			case 'dst':
			case 'destination':
				target = val;
				break;
			case 'readonly':
			case 'ro': {
				const parsed = bool(key, val);
				if (typeof parsed !== 'boolean') return parsed;
				readOnly = parsed;
				break;
			}
			case 'volume-nocopy': {
				const parsed = bool(key, val);
				if (typeof parsed !== 'boolean') return { error: `invalid value for volume-nocopy: ${val}` };
				noCopy = parsed;
				touched.volume = true;
				break;
			}
			case 'volume-label':
			case 'volume-driver':
			case 'volume-opt':
			case 'volume-subpath':
				touched.volume = true;
				break;
			case 'bind-propagation':
			case 'bind-nonrecursive':
			case 'bind-recursive':
				touched.bind = true;
				break;
			case 'tmpfs-size':
			case 'tmpfs-mode':
				touched.tmpfs = true;
				break;
			case 'consistency':
				break;
			default:
				return { error: `unexpected key '${key}' in '${field}'` };
		}
	}
	if (type === '') return { error: 'type is required' };
	if (target === '') return { error: 'target is required' };
	for (const kind of ['volume', 'bind', 'tmpfs'] as const) if (touched[kind] && type !== kind) return { error: `cannot mix '${kind}-*' options with mount type '${type}'` };
	return { type, source, target, readOnly, noCopy };
}

/** moby validateMountConfig + parseMountSpec for one `--mount`. */
export function parseMountSpec(draft: Draft, spec: MountSpec): PendingMount | Failure {
	const fail = (reason: string): Failure => ({ error: `invalid mount config for type "${spec.type}": ${reason}` });
	const bad = checkTarget(spec.target, fail);
	if (bad !== undefined) return bad;
	const destination = cleanPath(spec.target);
	const rw = !spec.readOnly;
	if (spec.type === 'bind') {
		if (spec.source === '') return fail('field Source must not be empty');
		if (!spec.source.startsWith('/')) return fail(`invalid mount path: '${spec.source}' mount path must be absolute`);
		const source = cleanPath(spec.source);
		if (typeof statAt(draft, HOST_VIEW, pathSegments(source)) === 'string') return fail(`bind source path does not exist: ${source}`);
		return pending(mountOf('bind', destination, { source, rw, propagation: 'rprivate' }));
	}
	if (spec.type === 'tmpfs') return spec.source !== '' ? fail('field Source must not be specified') : pending(mountOf('tmpfs', destination, { rw }));
	if (spec.type !== 'volume') return fail('mount type unknown');
	const anonymous = spec.source === '';
	if (anonymous && spec.readOnly) return fail('must not set ReadOnly mode when using anonymous volumes');
	// The daemon gives every local-driver volume mount without a mode the SELinux mode `z` (setBindModeIfNull).
	return pending(mountOf('volume', destination, { name: spec.source, mode: 'z', rw, anonymous }), !spec.noCopy, anonymous ? null : spec.source);
}

export const EXTENSION: Extension = { name: 'mounts', mounts: { parseMountFlag, parseMountSpec } };
