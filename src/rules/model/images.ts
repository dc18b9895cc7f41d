/**
 * The built-in image catalogue. `busybox`, `volume-demo` and `web-demo` are exactly the conformance
 * images of TRANSCRIPT-FORMAT.md; the teaching images model only the files and VOLUMEs that matter
 * (their files are in shell/images/*.ts).
 */
import { dictFrom, dir, file, treeFrom, type Dict, type DirNode } from './fs.ts';
import { stableHex64 } from './ids.ts';
import type { Image, ImageConfig } from './state.ts';

/** Applets present in the busybox image's /bin (a subset of busybox's list; all are files here). */
export const BUSYBOX_APPLETS = [
	'ash', 'awk', 'basename', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'cut', 'date', 'dd', 'df', 'dirname', 'du', 'echo',
	'env', 'expr', 'false', 'find', 'grep', 'gzip', 'head', 'hostname', 'id', 'kill', 'less', 'ln', 'ls', 'md5sum',
	'mkdir', 'mktemp', 'more', 'mount', 'mv', 'nc', 'ping', 'printf', 'ps', 'pwd', 'readlink', 'rm', 'rmdir', 'sed',
	'seq', 'sh', 'sha256sum', 'sleep', 'sort', 'stat', 'tail', 'tar', 'tee', 'test', 'top', 'touch', 'tr', 'true',
	'uname', 'uniq', 'vi', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes',
] as const;

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function busyboxRoot(): DirNode {
	const bin = dictFrom([['busybox', file('', 0o755)] as const, ...BUSYBOX_APPLETS.map((name) => [name, file('', 0o755)] as const)]);
	return dir(
		dictFrom([
			['bin', dir(bin)],
			['etc', treeFrom({ passwd: 'root:x:0:0:root:/root:/bin/sh\n', group: 'root:x:0:\n' })],
			// The conformance rootfs is made with `mkdir -p rootfs/tmp`, so /tmp is 755 there.
			['tmp', dir()],
		]),
	);
}

interface CatalogueEntry {
	readonly name: string;
	/** Layers on top of the base busybox layer (or of `from`). */
	readonly layers: readonly DirNode[];
	readonly from?: string;
	readonly config: Partial<ImageConfig>;
	readonly created: string;
	readonly size: number;
}

const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 1000;

/**
 * A teaching image's own layer in the state: a placeholder naming the image, whose files the
 * image's extension holds (shell/images/*.ts), so that the browser's core engine does not carry
 * them; `imageLayers` (world.ts) swaps them in.
 */
function catalogue(image: string): DirNode {
	return { ...dir(), catalogue: image };
}

const CATALOGUE: readonly CatalogueEntry[] = [
	{ name: 'busybox', layers: [], config: { cmd: ['sh'] }, created: '2024-09-26', size: 4_261_550 },
	{
		name: 'volume-demo',
		from: 'busybox',
		layers: [treeFrom({ 'app/data/seed.txt': 'seed\n' })],
		config: { volumes: ['/app/data'] },
		created: '2025-01-15',
		size: 4_261_555,
	},
	{
		name: 'web-demo',
		from: 'busybox',
		layers: [treeFrom({ 'srv/www/index.html': '<h1>hello</h1>\n' })],
		config: {},
		created: '2025-01-15',
		size: 4_261_565,
	},
	{
		name: 'nginx',
		layers: [catalogue('nginx')],
		config: { cmd: ['nginx', '-g', 'daemon off;'], entrypoint: ['/docker-entrypoint.sh'], env: [PATH_ENV, 'NGINX_VERSION=1.27.5'] },
		created: '2025-04-16',
		size: 192_000_000,
	},
	{
		name: 'postgres',
		layers: [catalogue('postgres')],
		config: {
			cmd: ['postgres'],
			entrypoint: ['docker-entrypoint.sh'],
			env: [PATH_ENV + ':/usr/lib/postgresql/17/bin', 'PG_MAJOR=17', 'PGDATA=/var/lib/postgresql/data'],
			volumes: ['/var/lib/postgresql/data'],
		},
		created: '2025-05-08',
		size: 438_000_000,
	},
	{
		name: 'mysql',
		layers: [catalogue('mysql')],
		config: { cmd: ['mysqld'], entrypoint: ['docker-entrypoint.sh'], env: [PATH_ENV, 'MYSQL_MAJOR=8.4'], volumes: ['/var/lib/mysql'] },
		created: '2025-04-15',
		size: 602_000_000,
	},
	{
		name: 'node',
		layers: [catalogue('node')],
		config: { cmd: ['node'], entrypoint: ['docker-entrypoint.sh'], env: [PATH_ENV, 'NODE_VERSION=22.15.0'] },
		created: '2025-04-23',
		size: 1_120_000_000,
	},
];

const DEFAULT_CONFIG: ImageConfig = { cmd: null, entrypoint: null, env: ['PATH=/bin'], workingDir: '', volumes: [] };

/** The images every engine starts with, keyed by id, and their `name:latest` tags. */
export function builtinImages(): { images: Dict<Image>; tags: Dict<string> } {
	const byName = new Map<string, Image>();
	for (const entry of CATALOGUE) {
		const parent = entry.from === undefined ? undefined : byName.get(entry.from);
		const baseLayers = parent?.layers ?? [busyboxRoot()];
		const baseConfig = parent?.config ?? DEFAULT_CONFIG;
		const layers = [...baseLayers, ...entry.layers];
		byName.set(entry.name, {
			id: `sha256:${stableHex64(`image:${entry.name}`)}`,
			repoTags: [`${entry.name}:latest`],
			layers,
			layerIds: [...(parent?.layerIds ?? [stableHex64('layer:busybox')]), ...entry.layers.map((_, index) => stableHex64(`layer:${entry.name}:${index}`))],
			config: { ...baseConfig, ...entry.config },
			created: day(entry.created),
			size: entry.size,
			comment: '',
		});
	}
	const images = dictFrom([...byName.values()].map((image) => [image.id, image] as const));
	const tags = dictFrom([...byName.values()].map((image) => [image.repoTags[0] as string, image.id] as const));
	return { images, tags };
}
