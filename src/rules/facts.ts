/**
 * Facts per mount kind, for the comparison table and the cheat sheet (rendered in Korean and
 * English elsewhere: this file holds only language-neutral values). Every fact cites
 * ../shared/reference/docker-facts.md (`'2.4'` = row 2.4 of the verdict tables, `'§2.5'` = section
 * 2.5 of the modern facts, `'T07'` = quiz-safe statement 7) or docker-engine.md (`'E:h'` = finding h).
 * Where the simulator can show it, a fact has a scenario: tests/unit/rules-facts.test.ts runs the
 * script through the engine and derives the fact's value from what it observes.
 */
import type { DockerVersion } from './model/state.ts';

export const MOUNT_KINDS = ['anonymousVolume', 'namedVolume', 'bind', 'tmpfs'] as const;
export type MountKind = (typeof MOUNT_KINDS)[number];

export const FACT_KEYS = [
	'dockerfileDeclarable',
	'hostLocationChosenBy',
	'removedByRm',
	'removedByRmV',
	'removedByRunRm',
	'removedByPrune',
	'removedByPruneAll',
	'survivesStop',
	'shareable',
	'shareHow',
	'populatedFromImage',
	'createsMissingSource',
	'typicalUses',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export const LOCATION_CHOOSERS = ['docker', 'user', 'memory'] as const;
export const SHARE_METHODS = ['volumesFrom', 'sameName', 'volumeId', 'samePath'] as const;
export const USES = ['databases', 'persistentAppData', 'sharingBetweenContainers', 'backups', 'throwawayData', 'imageVolumeDefaults', 'sourceCodeInDevelopment', 'configFiles', 'buildOutput', 'secretsInMemory', 'scratchSpace', 'caches'] as const;
export type Use = (typeof USES)[number];

/** A script run on a fresh engine; `subject` names the mount's backing object the test follows. */
export interface Scenario {
	readonly version?: DockerVersion;
	readonly script: readonly string[];
}

export interface Fact<T> {
	readonly value: T;
	/** Citation keys into docker-facts.md (or docker-engine.md with the `E:` prefix). */
	readonly cite: readonly string[];
	readonly scenario?: Scenario;
	/** Per-version values where Docker changed behaviour. */
	readonly byVersion?: Readonly<Record<DockerVersion, T>>;
}

export interface MountFacts {
	readonly dockerfileDeclarable: Fact<boolean>;
	readonly hostLocationChosenBy: Fact<(typeof LOCATION_CHOOSERS)[number]>;
	readonly removedByRm: Fact<boolean>;
	readonly removedByRmV: Fact<boolean>;
	readonly removedByRunRm: Fact<boolean>;
	/** `docker volume prune -f` with no other flag, per version. */
	readonly removedByPrune: Fact<boolean | 'notApplicable'>;
	readonly removedByPruneAll: Fact<boolean | 'notApplicable'>;
	readonly survivesStop: Fact<boolean>;
	readonly shareable: Fact<boolean>;
	readonly shareHow: Fact<ReadonlyArray<(typeof SHARE_METHODS)[number]>>;
	/** Copy-up of the image's content at the mount point when the mount is empty at container create. */
	readonly populatedFromImage: Fact<boolean>;
	/** A missing source is created (`-v`); `--mount type=bind` refuses instead. */
	readonly createsMissingSource: Fact<boolean | 'notApplicable'>;
	readonly typicalUses: Fact<readonly Use[]>;
}

/**
 * Scenario conventions (the test relies on them): the mount under study is at `/data` of a
 * container named `subject`; for a bind the host path is /tmp/lab/src. The test then checks
 * whether the volume / host directory still exists, or what `cat /data/seed.txt` printed.
 */
const setup = {
	anonymousVolume: 'docker run --name subject -v /data busybox sh -c "echo x > /data/f"',
	namedVolume: 'docker run --name subject -v keep:/data busybox sh -c "echo x > /data/f"',
	bind: 'docker run --name subject -v /tmp/lab/src:/data busybox sh -c "echo x > /data/f"',
} as const;

export const MOUNT_FACTS: Readonly<Record<MountKind, MountFacts>> = {
	anonymousVolume: {
		dockerfileDeclarable: { value: true, cite: ['2.2', '§2.10'], scenario: { script: ['docker run --name subject volume-demo true'] } },
		hostLocationChosenBy: { value: 'docker', cite: ['2.6'] },
		removedByRm: { value: false, cite: ['2.4', 'T01', 'E:a'], scenario: { script: [setup.anonymousVolume, 'docker rm subject'] } },
		removedByRmV: { value: true, cite: ['2.4', 'T02', 'E:b'], scenario: { script: [setup.anonymousVolume, 'docker rm -v subject'] } },
		removedByRunRm: { value: true, cite: ['T03', 'E:c'], scenario: { script: ['docker run --rm --name subject -v /data busybox sh -c "echo x > /data/f"'] } },
		removedByPrune: { value: true, cite: ['§2.5', 'T09', 'E:j'], byVersion: { '29': true, '20.10': true }, scenario: { script: [setup.anonymousVolume, 'docker rm subject', 'docker volume prune -f'] } },
		removedByPruneAll: { value: true, cite: ['§2.5', 'T09'], byVersion: { '29': true, '20.10': true }, scenario: { version: '29', script: [setup.anonymousVolume, 'docker rm subject', 'docker volume prune -a -f'] } },
		survivesStop: { value: true, cite: ['§2.5', 'E:n3'], scenario: { script: ['docker run -d --name subject -v /data busybox sleep 600', 'docker exec subject sh -c "echo x > /data/f"', 'docker stop subject', 'docker start subject'] } },
		shareable: { value: true, cite: ['2.5', 'T04', 'E:h'], scenario: { script: [setup.anonymousVolume, 'docker run --name other --volumes-from subject busybox cat /data/f'] } },
		shareHow: { value: ['volumesFrom', 'volumeId'], cite: ['2.5', 'T04'] },
		populatedFromImage: { value: true, cite: ['§2.4', 'T05', 'E:e1'], scenario: { script: ['docker run --name subject -v /srv/www web-demo true', 'docker run --rm --volumes-from subject busybox cat /srv/www/index.html'] } },
		createsMissingSource: { value: 'notApplicable', cite: ['2.1'] },
		typicalUses: { value: ['throwawayData', 'imageVolumeDefaults', 'caches'], cite: ['2.7', '§2.10'] },
	},
	namedVolume: {
		dockerfileDeclarable: { value: false, cite: ['3.1', 'T11'] },
		hostLocationChosenBy: { value: 'docker', cite: ['3.5', '3.6', 'E:l'] },
		removedByRm: { value: false, cite: ['3.3'], scenario: { script: [setup.namedVolume, 'docker rm subject'] } },
		removedByRmV: { value: false, cite: ['3.3', 'T02', 'E:n2'], scenario: { script: [setup.namedVolume, 'docker rm -v subject'] } },
		removedByRunRm: { value: false, cite: ['3.3', 'E:d'], scenario: { script: ['docker run --rm --name subject -v keep:/data busybox sh -c "echo x > /data/f"'] } },
		removedByPrune: {
			value: false,
			cite: ['§2.5', 'T09', 'E:j'],
			byVersion: { '29': false, '20.10': true },
			scenario: { script: [setup.namedVolume, 'docker rm subject', 'docker volume prune -f'] },
		},
		removedByPruneAll: { value: true, cite: ['§2.5', 'T09'], byVersion: { '29': true, '20.10': true }, scenario: { version: '29', script: [setup.namedVolume, 'docker rm subject', 'docker volume prune -a -f'] } },
		survivesStop: { value: true, cite: ['§2.5'], scenario: { script: ['docker run -d --name subject -v keep:/data busybox sleep 600', 'docker exec subject sh -c "echo x > /data/f"', 'docker stop subject', 'docker start subject'] } },
		shareable: { value: true, cite: ['3.4', 'E:m'], scenario: { script: [setup.namedVolume, 'docker run --name other -v keep:/data busybox cat /data/f'] } },
		shareHow: { value: ['sameName', 'volumesFrom'], cite: ['3.4', '5.2'] },
		populatedFromImage: { value: true, cite: ['§2.4', 'T05', 'E:e2'], scenario: { script: ['docker run --name subject -v site:/srv/www web-demo true', 'docker run --rm -v site:/data busybox cat /data/index.html'] } },
		createsMissingSource: { value: true, cite: ['3.2', 'E:d', 'E:n7/n8'], scenario: { script: ['docker run --name subject -v fresh:/data busybox true'] } },
		typicalUses: { value: ['databases', 'persistentAppData', 'sharingBetweenContainers', 'backups'], cite: ['3.7', '3.8', 'T13', '§2.12'] },
	},
	bind: {
		dockerfileDeclarable: { value: false, cite: ['4.1', 'T11'] },
		hostLocationChosenBy: { value: 'user', cite: ['4.4'] },
		removedByRm: { value: false, cite: ['4.2'], scenario: { script: ['mkdir -p /tmp/lab/src', setup.bind, 'docker rm subject'] } },
		removedByRmV: { value: false, cite: ['4.2'], scenario: { script: ['mkdir -p /tmp/lab/src', setup.bind, 'docker rm -v subject'] } },
		removedByRunRm: { value: false, cite: ['4.2'], scenario: { script: ['mkdir -p /tmp/lab/src', 'docker run --rm --name subject -v /tmp/lab/src:/data busybox sh -c "echo x > /data/f"'] } },
		removedByPrune: { value: 'notApplicable', cite: ['§2.5'] },
		removedByPruneAll: { value: 'notApplicable', cite: ['§2.5'] },
		survivesStop: { value: true, cite: ['§2.5'], scenario: { script: ['mkdir -p /tmp/lab/src', 'docker run -d --name subject -v /tmp/lab/src:/data busybox sleep 600', 'docker exec subject sh -c "echo x > /data/f"', 'docker stop subject', 'docker start subject'] } },
		shareable: { value: true, cite: ['4.3', 'E:h'], scenario: { script: ['mkdir -p /tmp/lab/src', setup.bind, 'docker run --name other --volumes-from subject busybox cat /data/f'] } },
		shareHow: { value: ['samePath', 'volumesFrom'], cite: ['4.3'] },
		populatedFromImage: { value: false, cite: ['4.8', 'T06', 'E:f1'], scenario: { script: ['docker run --name subject -v /tmp/lab/src:/srv/www web-demo true', 'docker run --rm -v /tmp/lab/src:/data busybox cat /data/index.html'] } },
		createsMissingSource: { value: true, cite: ['4.8', 'T07', 'E:f1', 'E:f3'], scenario: { script: ['docker run --name subject -v /tmp/lab/src:/data busybox true'] } },
		typicalUses: { value: ['sourceCodeInDevelopment', 'configFiles', 'buildOutput'], cite: ['4.5', '4.6', '4.7'] },
	},
	tmpfs: {
		dockerfileDeclarable: { value: false, cite: ['§2.8', '§2.10'] },
		hostLocationChosenBy: { value: 'memory', cite: ['§2.8', 'T14'] },
		removedByRm: { value: true, cite: ['§2.8'] },
		removedByRmV: { value: true, cite: ['§2.8'] },
		removedByRunRm: { value: true, cite: ['§2.8'] },
		removedByPrune: { value: 'notApplicable', cite: ['§2.8'] },
		removedByPruneAll: { value: 'notApplicable', cite: ['§2.8'] },
		survivesStop: { value: false, cite: ['§2.8', 'T14', 'E:n9'], scenario: { script: ['docker run -d --name subject --tmpfs /data busybox sleep 600', 'docker exec subject sh -c "echo x > /data/f"', 'docker stop subject', 'docker start subject'] } },
		shareable: { value: false, cite: ['§2.8', 'T14'], scenario: { script: ['docker run -d --name subject --tmpfs /data busybox sleep 600', 'docker exec subject sh -c "echo x > /data/f"', 'docker run --name other --volumes-from subject busybox cat /data/f'] } },
		shareHow: { value: [], cite: ['§2.8'] },
		populatedFromImage: { value: false, cite: ['§2.8'], scenario: { script: ['docker run -d --name subject --tmpfs /srv/www web-demo sleep 600', 'docker exec subject cat /srv/www/index.html'] } },
		createsMissingSource: { value: 'notApplicable', cite: ['§2.8'] },
		typicalUses: { value: ['secretsInMemory', 'scratchSpace', 'caches'], cite: ['§2.8'] },
	},
};

/** Facts that are not about one mount kind. */
export const GENERAL_FACTS = {
	/** `docker commit` leaves volume content out of the image. */
	commitIncludesVolumeData: { value: false, cite: ['§2.14', 'T12', 'E:k'], scenario: { script: ['docker run --name subject volume-demo sh -c "echo new > /app/data/new.txt"', 'docker commit subject snap', 'docker run --rm snap ls /app/data'] } },
	/** Writes under a VOLUME path in a later RUN: discarded by the legacy builder, kept by BuildKit (the default since 23.0; not simulated). */
	buildWritesAfterVolume: { value: 'discardedByLegacyBuilderKeptByBuildKit', cite: ['§2.10', 'E:n4'] },
	/** Copy-up happens when the container is created and the volume is empty, not on restart. */
	copyUpAtCreateOnly: { value: true, cite: ['§2.4', 'E:e5', 'E:e9'] },
	/** A non-empty volume hides the image's files instead of merging with them. */
	nonEmptyVolumeObscures: { value: true, cite: ['§2.4', 'E:e3'] },
	/** `docker volume rm -f` does not remove a volume in use. */
	volumeRmForceRemovesInUse: { value: false, cite: ['2.6', 'E:i'] },
	/** `docker container prune` leaves anonymous volumes dangling. */
	containerPruneRemovesAnonymousVolumes: { value: false, cite: ['E:n1'] },
} as const satisfies Record<string, Fact<boolean | string>>;
