/**
 * The engine's snapshot as quizzes and lab goals read it: its types, and a read-only path lookup
 * (a container's merged view, a volume, or the host). Reuses the engine's own overlay resolution
 * (`src/rules/model/`) so that a goal sees exactly what `ls` in the engine would.
 */
import { listHit } from '../rules/model/fs.ts';
import { containerView, Draft, HOST_VIEW, statAt, type View } from '../rules/model/world.ts';
import type { Container, EngineSnapshot } from '../rules/index.ts';

export type { Container, ContainerStatus, Mount, MountType } from '../rules/index.ts';
export type { EngineSnapshot };

/** A path as a goal sees it: a file with its text, or a directory with its entry names. */
export type PathNode = { type: 'file'; content: string } | { type: 'dir'; entries: string[] };

const segments = (path: string): string[] => path.split('/').filter((seg) => seg !== '' && seg !== '.');

/**
 * Looks a path up as a process would see it: inside a container (image layers, container layer and
 * mounts merged), inside a volume's `_data`, or on the host. Undefined when it does not exist.
 */
export function pathEntries(
	snapshot: EngineSnapshot,
	place: 'host' | { container: string } | { volume: string },
	path: string,
	findContainer: (name: string) => Container | undefined,
): PathNode | undefined {
	let view: View;
	if (place === 'host') view = HOST_VIEW;
	else if ('volume' in place) view = { root: { kind: 'volume', name: place.volume }, mounts: [], hostVolumes: false };
	else {
		const container = findContainer(place.container);
		if (!container) return undefined;
		view = containerView(container);
	}
	const hit = statAt(new Draft(snapshot), view, segments(path));
	if (typeof hit === 'string') return undefined;
	if (hit.type === 'file') return { type: 'file', content: hit.node.content };
	return { type: 'dir', entries: listHit(hit).map(([name]) => name) };
}
