/**
 * Goal predicates: what a "write the command" question or a Volume Lab level wants the world to look
 * like, described as data (YAML/JSON-friendly) and checked against an `EngineSnapshot`.
 *
 * Goals look at **state, never keystrokes** (Learn Git Branching's lesson): `-v` or `--mount`, any
 * flag order, `ro` or `readonly`, `--volumes-from` or naming the volume — every command sequence that
 * reaches the state passes. When a goal does not hold, `checkGoal` says what is still wrong as
 * localisable problems (`{ key: 'goal.mount.writable', params: { … } }`), most specific first, so
 * feedback reads "mounted, but writable" rather than "wrong".
 *
 * The language (all fields optional unless noted; paths are absolute container or host paths):
 *
 * | goal | holds when |
 * | --- | --- |
 * | `{ all: [g…] }` / `{ any: [g…] }` | every / at least one sub-goal holds |
 * | `{ container: { name, image?, status? } }` | a container `name` exists (from `image`, in `status`; `status: 'any'` by default) |
 * | `{ noContainer: name }` | no container has that name |
 * | `{ mount: { container, destination, type?, volume?, anonymous?, source?, readOnly?, sameAs? } }` | the container has a mount at `destination` of that type / volume name / bind source / mode; `sameAs: { container, destination }` means "the very same volume or host directory as that mount" |
 * | `{ noMount: { container, destination } }` | nothing is mounted there |
 * | `{ volume: { name } }` / `{ noVolume: name }` | a volume with that name exists / does not |
 * | `{ volumes: { anonymous?, dangling?, count } }` | exactly `count` volumes match (a volume is dangling when no container mounts it) |
 * | `{ path: { in, path, exists?, type?, content?, entries? } }` | a path as seen from `in` (`{ container }`, `{ volume }` or `'host'`) exists (default) or not, is a `file`/`dir`, has that content (trailing newline ignored) or exactly those directory entries |
 */
import { readPath, type Container, type ContainerStatus, type EngineSnapshot, type Mount, type MountType } from './snapshot.ts';

export type PathPlace = 'host' | { container: string } | { volume: string };

export interface ContainerGoal {
	name: string;
	image?: string | undefined;
	status?: ContainerStatus | 'any' | undefined;
}
export interface MountGoal {
	container: string;
	destination: string;
	type?: MountType | undefined;
	/** Volume name (named volumes). */
	volume?: string | undefined;
	/** true: the volume must be anonymous; false: named. */
	anonymous?: boolean | undefined;
	/** Bind source (host path). */
	source?: string | undefined;
	readOnly?: boolean | undefined;
	/** The very same volume or host directory as another container's mount. */
	sameAs?: { container: string; destination: string } | undefined;
}
export interface VolumesGoal {
	anonymous?: boolean | undefined;
	dangling?: boolean | undefined;
	count: number;
}
export interface PathGoal {
	in: PathPlace;
	path: string;
	exists?: boolean | undefined;
	type?: 'file' | 'dir' | undefined;
	content?: string | undefined;
	entries?: string[] | undefined;
}

export type Goal =
	| { all: Goal[] }
	| { any: Goal[] }
	| { container: ContainerGoal }
	| { noContainer: string }
	| { mount: MountGoal }
	| { noMount: { container: string; destination: string } }
	| { volume: { name: string } }
	| { noVolume: string }
	| { volumes: VolumesGoal }
	| { path: PathGoal };

/** Every feedback key `checkGoal` can produce; the UI strings live in `src/i18n/ui.ts`. */
export const GOAL_PROBLEM_KEYS = [
	'goal.container.missing',
	'goal.container.image',
	'goal.container.status',
	'goal.container.extra',
	'goal.mount.missing',
	'goal.mount.type',
	'goal.mount.volume',
	'goal.mount.anonymous',
	'goal.mount.named',
	'goal.mount.source',
	'goal.mount.writable',
	'goal.mount.readOnly',
	'goal.mount.notShared',
	'goal.mount.extra',
	'goal.volume.missing',
	'goal.volume.extra',
	'goal.volumes.count',
	'goal.path.missing',
	'goal.path.extra',
	'goal.path.type',
	'goal.path.content',
	'goal.path.entries',
] as const;
export type GoalProblemKey = (typeof GOAL_PROBLEM_KEYS)[number];

export interface GoalProblem {
	key: GoalProblemKey;
	/** Values for the `{placeholders}` of the localised message. */
	params: Record<string, string | number>;
}

export interface GoalResult {
	ok: boolean;
	/** Empty when `ok`; otherwise what is still wrong, most specific first. */
	problems: GoalProblem[];
}

const problem = (key: GoalProblemKey, params: Record<string, string | number> = {}): GoalProblem => ({ key, params });

function containerByName(snapshot: EngineSnapshot, name: string): Container | undefined {
	const wanted = name.replace(/^\//, '');
	return Object.values(snapshot.containers).find((container) => container.name.replace(/^\//, '') === wanted);
}

const cleanPath = (path: string): string => `/${path.split('/').filter((seg) => seg !== '' && seg !== '.').join('/')}`;

function mountAt(container: Container, destination: string): Mount | undefined {
	const wanted = cleanPath(destination);
	return container.mounts.find((mount) => cleanPath(mount.destination) === wanted);
}

function imageMatches(snapshot: EngineSnapshot, container: Container, image: string): boolean {
	const ref = image.includes(':') ? image : `${image}:latest`;
	return container.config.image === image || container.config.image === ref || snapshot.tags[ref] === container.imageId;
}

function checkContainer(snapshot: EngineSnapshot, goal: ContainerGoal): GoalProblem[] {
	const container = containerByName(snapshot, goal.name);
	if (!container) return [problem('goal.container.missing', { name: goal.name })];
	const problems: GoalProblem[] = [];
	if (goal.image !== undefined && !imageMatches(snapshot, container, goal.image)) {
		problems.push(problem('goal.container.image', { name: goal.name, expected: goal.image, actual: container.config.image }));
	}
	const status = goal.status ?? 'any';
	if (status !== 'any' && container.state.status !== status) {
		problems.push(problem('goal.container.status', { name: goal.name, expected: status, actual: container.state.status }));
	}
	return problems;
}

/** What a mount points at, comparable between containers. */
const mountTarget = (mount: Mount): string => (mount.type === 'volume' ? `volume:${mount.name}` : `${mount.type}:${mount.source}`);

function checkMount(snapshot: EngineSnapshot, goal: MountGoal): GoalProblem[] {
	const container = containerByName(snapshot, goal.container);
	if (!container) return [problem('goal.container.missing', { name: goal.container })];
	const at = { container: goal.container, destination: goal.destination };
	const mount = mountAt(container, goal.destination);
	if (!mount) return [problem('goal.mount.missing', at)];
	if (goal.type !== undefined && mount.type !== goal.type) return [problem('goal.mount.type', { ...at, expected: goal.type, actual: mount.type })];
	const problems: GoalProblem[] = [];
	if (goal.volume !== undefined && (mount.type !== 'volume' || mount.name !== goal.volume)) {
		problems.push(problem('goal.mount.volume', { ...at, expected: goal.volume, actual: mount.name || mount.source }));
	}
	if (goal.anonymous === true && !mount.anonymous) problems.push(problem('goal.mount.anonymous', at));
	if (goal.anonymous === false && mount.anonymous) problems.push(problem('goal.mount.named', at));
	if (goal.source !== undefined && cleanPath(mount.source) !== cleanPath(goal.source)) {
		problems.push(problem('goal.mount.source', { ...at, expected: goal.source, actual: mount.source }));
	}
	if (goal.sameAs !== undefined) {
		const other = containerByName(snapshot, goal.sameAs.container);
		const otherMount = other && mountAt(other, goal.sameAs.destination);
		if (!otherMount || mountTarget(otherMount) !== mountTarget(mount)) {
			problems.push(problem('goal.mount.notShared', { ...at, other: goal.sameAs.container, otherDestination: goal.sameAs.destination }));
		}
	}
	if (goal.readOnly === true && mount.rw) problems.push(problem('goal.mount.writable', at));
	if (goal.readOnly === false && !mount.rw) problems.push(problem('goal.mount.readOnly', at));
	return problems;
}

function isDangling(snapshot: EngineSnapshot, volumeName: string): boolean {
	return !Object.values(snapshot.containers).some((container) => container.mounts.some((mount) => mount.type === 'volume' && mount.name === volumeName));
}

function checkVolumes(snapshot: EngineSnapshot, goal: VolumesGoal): GoalProblem[] {
	const matching = Object.values(snapshot.volumes).filter(
		(volume) =>
			(goal.anonymous === undefined || volume.anonymous === goal.anonymous) &&
			(goal.dangling === undefined || isDangling(snapshot, volume.name) === goal.dangling),
	);
	if (matching.length === goal.count) return [];
	const kind = `${goal.dangling === undefined ? '' : goal.dangling ? 'dangling ' : 'in-use '}${goal.anonymous === undefined ? '' : goal.anonymous ? 'anonymous ' : 'named '}`;
	return [problem('goal.volumes.count', { kind: kind.trim() || 'all', expected: goal.count, actual: matching.length })];
}

const placeLabel = (place: PathPlace): string => (place === 'host' ? 'host' : 'container' in place ? place.container : `volume ${place.volume}`);

function checkPath(snapshot: EngineSnapshot, goal: PathGoal): GoalProblem[] {
	const where = placeLabel(goal.in);
	if (typeof goal.in === 'object' && 'container' in goal.in && !containerByName(snapshot, goal.in.container)) {
		return [problem('goal.container.missing', { name: goal.in.container })];
	}
	if (typeof goal.in === 'object' && 'volume' in goal.in && !snapshot.volumes[goal.in.volume]) {
		return [problem('goal.volume.missing', { name: goal.in.volume })];
	}
	const params = { where, path: goal.path };
	const node = readPath(snapshot, typeof goal.in === 'object' && 'container' in goal.in ? { container: (containerByName(snapshot, goal.in.container) as Container).id } : goal.in, goal.path);
	const wantExists = goal.exists ?? true;
	if (node === undefined) return wantExists ? [problem('goal.path.missing', params)] : [];
	if (!wantExists) return [problem('goal.path.extra', params)];
	if (goal.type !== undefined && node.type !== goal.type) return [problem('goal.path.type', { ...params, expected: goal.type, actual: node.type })];
	if (goal.content !== undefined && (node.type !== 'file' || node.content.replace(/\n$/, '') !== goal.content.replace(/\n$/, ''))) {
		return [problem('goal.path.content', { ...params, expected: goal.content.replace(/\n$/, '') })];
	}
	if (goal.entries !== undefined) {
		const actual = node.type === 'dir' ? [...node.entries].sort() : [];
		const expected = [...goal.entries].sort();
		if (actual.join('\n') !== expected.join('\n')) {
			return [problem('goal.path.entries', { ...params, expected: expected.join(' ') || '∅', actual: actual.join(' ') || '∅' })];
		}
	}
	return [];
}

/** Checks a goal against a snapshot: `ok`, or the problems that remain. Pure and total. */
export function checkGoal(snapshot: EngineSnapshot, goal: Goal): GoalResult {
	const problems = problemsOf(snapshot, goal);
	return { ok: problems.length === 0, problems };
}

function problemsOf(snapshot: EngineSnapshot, goal: Goal): GoalProblem[] {
	if ('all' in goal) return goal.all.flatMap((sub) => problemsOf(snapshot, sub));
	if ('any' in goal) {
		let best: GoalProblem[] | undefined;
		for (const sub of goal.any) {
			const problems = problemsOf(snapshot, sub);
			if (problems.length === 0) return [];
			if (!best || problems.length < best.length) best = problems;
		}
		return best ?? [];
	}
	if ('container' in goal) return checkContainer(snapshot, goal.container);
	if ('noContainer' in goal) return containerByName(snapshot, goal.noContainer) ? [problem('goal.container.extra', { name: goal.noContainer })] : [];
	if ('mount' in goal) return checkMount(snapshot, goal.mount);
	if ('noMount' in goal) {
		const container = containerByName(snapshot, goal.noMount.container);
		return container && mountAt(container, goal.noMount.destination) ? [problem('goal.mount.extra', goal.noMount)] : [];
	}
	if ('volume' in goal) return snapshot.volumes[goal.volume.name] ? [] : [problem('goal.volume.missing', { name: goal.volume.name })];
	if ('noVolume' in goal) return snapshot.volumes[goal.noVolume] ? [problem('goal.volume.extra', { name: goal.noVolume })] : [];
	if ('volumes' in goal) return checkVolumes(snapshot, goal.volumes);
	return checkPath(snapshot, goal.path);
}

/** Fills a message template's `{name}` placeholders (used with the localised goal strings). */
export function fillTemplate(template: string, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
