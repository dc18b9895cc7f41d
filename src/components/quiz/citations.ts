/**
 * Where a facts-table citation key (`../shared/reference/docker-facts.md`: `2.4` = verdict row,
 * `§2.5` = modern-facts section, `T07` = quiz-safe statement) points on docs.docker.com, for the
 * comparison table's sources. `E:` keys are findings recorded on a real engine (docker-engine.md);
 * they have no public page, so the table names them instead of linking.
 */
const DOCS = 'https://docs.docker.com';
const PAGES = {
	storage: { href: `${DOCS}/engine/storage/`, label: 'Docker docs: storage' },
	volumes: { href: `${DOCS}/engine/storage/volumes/`, label: 'Docker docs: volumes' },
	backup: { href: `${DOCS}/engine/storage/volumes/#back-up-restore-or-migrate-data-volumes`, label: 'Docker docs: back up, restore or migrate volumes' },
	bind: { href: `${DOCS}/engine/storage/bind-mounts/`, label: 'Docker docs: bind mounts' },
	tmpfs: { href: `${DOCS}/engine/storage/tmpfs/`, label: 'Docker docs: tmpfs mounts' },
	dockerfile: { href: `${DOCS}/reference/dockerfile/#volume`, label: 'Dockerfile reference: VOLUME' },
	commit: { href: `${DOCS}/reference/cli/docker/container/commit/`, label: 'docker container commit reference' },
	run: { href: `${DOCS}/reference/cli/docker/container/run/`, label: 'docker run reference' },
	prune: { href: `${DOCS}/reference/cli/docker/volume/prune/`, label: 'docker volume prune reference' },
	drivers: { href: `${DOCS}/engine/storage/drivers/`, label: 'Docker docs: storage drivers' },
} as const;

const BY_KEY: Record<string, keyof typeof PAGES> = {
	'1.4': 'storage',
	'3.1': 'dockerfile',
	'3.8': 'drivers',
	'4.1': 'dockerfile',
	'5.2': 'run',
	'§2.5': 'prune',
	'§2.8': 'tmpfs',
	'§2.10': 'dockerfile',
	'§2.12': 'backup',
	'§2.14': 'commit',
	T06: 'bind',
	T07: 'bind',
	T08: 'bind',
	T09: 'prune',
	T11: 'dockerfile',
	T12: 'commit',
	T14: 'tmpfs',
};

/** The public page behind a citation key, or undefined for engine recordings (`E:…`). */
export function citationHref(key: string): { href: string; label: string } | undefined {
	if (key.startsWith('E:')) return undefined;
	const page = BY_KEY[key] ?? (key.startsWith('4.') ? 'bind' : 'volumes');
	return PAGES[page];
}
