/**
 * The `prune` extension (see ../extensions.ts): `docker volume prune`, `container prune` and
 * `system prune`, which the browser loads when a command line first runs one of them. The answers
 * to their prompts are "no" (the simulator has no stdin), so without `--force` they only warn.
 */
import { dictGet, dictValues, treeSize as treeBytes } from '../model/fs.ts';
import type { Volume } from '../model/state.ts';
import type { Draft } from '../model/world.ts';
import { humanSize, naturalCompare } from '../cli/format.ts';
import type { Extension } from '../extensions.ts';
import { DAEMON, fail, flag, labelMatch, list, OK, out, splitFilter, type DockerContext, type DockerResult, type Handler } from './cli.ts';
import { mountsVolume, removeContainer } from './daemon.ts';

/** What the 20.10 daemon's API version is called in the CLI's error for a newer flag. */
const LEGACY_API_VERSION = '1.41';

/** Unused volumes (no container, in any state, mounts them). */
function unusedVolumes(draft: Draft): Volume[] {
	const containers = dictValues(draft.containers);
	return dictValues(draft.volumes).filter((volume) => !containers.some((container) => mountsVolume(container, volume.name)));
}

/** Prompts are answered "no": the simulator has no stdin (what a script with stdin at EOF gets). */
function declined(ctx: DockerContext, warning: string): DockerResult {
	out(ctx, `${warning}\nAre you sure you want to continue? [y/N] `);
	return OK;
}

function pruneReport(ctx: DockerContext, sections: ReadonlyArray<readonly [string, readonly string[]]>, bytes: number): void {
	for (const [title, names] of sections) if (names.length > 0) ctx.io.out.push(`${title}:\n${names.join('\n')}\n\n`);
	out(ctx, `Total reclaimed space: ${humanSize(bytes)}`);
}

const volumePrune: Handler = (ctx, parsed) => {
	const legacy = ctx.draft.version === '20.10';
	let all: boolean = flag(parsed, 'all', false);
	if (all && legacy) return fail(ctx, `"--all" requires API version 1.42, but the Docker daemon API version is ${LEGACY_API_VERSION}`);
	const filters = list(parsed, 'filter').map(splitFilter);
	for (const [key, value] of filters) {
		if (key === 'all') {
			if (legacy) return fail(ctx, `${DAEMON}Invalid filter 'all'`);
			if (all) return fail(ctx, 'conflicting options: cannot specify both --all and --filter all=1');
			all = /^(1|true)$/i.test(value);
		} else if (key !== 'label' && key !== 'label!') return fail(ctx, `${DAEMON}Invalid filter '${key}'`);
	}
	// API < 1.42 (Engine 20.10) prunes every unused volume; newer engines only anonymous ones unless --all.
	const everything = legacy || all;
	if (!flag(parsed, 'force', false)) {
		return declined(ctx, `WARNING! This will remove ${everything ? 'all' : 'anonymous'} local volumes not used by at least one container.`);
	}
	const victims = unusedVolumes(ctx.draft)
		.filter((volume) => everything || isAnonymousVolume(volume))
		.filter((volume) => filters.every(([key, value]) => key === 'all' || (key === 'label' ? labelMatch(volume, value) : !labelMatch(volume, value))))
		.sort((a, b) => naturalCompare(a.name, b.name));
	const removed = pruneVolumes(ctx, victims);
	pruneReport(ctx, [['Deleted Volumes', removed.names]], removed.bytes);
	return OK;
};

function pruneVolumes(ctx: DockerContext, victims: readonly Volume[]): { names: string[]; bytes: number } {
	let bytes = 0;
	for (const volume of victims) {
		bytes += treeBytes(volume.root);
		ctx.draft.deleteVolume(volume.name);
	}
	return { names: victims.map((volume) => volume.name), bytes };
}

function pruneContainers(ctx: DockerContext): { names: string[]; bytes: number } {
	const victims = dictValues(ctx.draft.containers).filter((container) => container.state.status !== 'running');
	let bytes = 0;
	for (const container of victims) {
		bytes += treeBytes(container.layer);
		removeContainer(ctx.draft, container.id, false);
	}
	return { names: victims.map((container) => container.id), bytes };
}

const containerPrune: Handler = (ctx, parsed) => {
	if (!flag(parsed, 'force', false)) return declined(ctx, 'WARNING! This will remove all stopped containers.');
	const removed = pruneContainers(ctx);
	pruneReport(ctx, [['Deleted Containers', removed.names]], removed.bytes);
	return OK;
};

/** `docker system prune`: stopped containers, then (with --volumes) unused volumes; networks, images and build cache are not modelled. */
const systemPrune: Handler = (ctx, parsed) => {
	const volumes = flag(parsed, 'volumes', false);
	const everything = ctx.draft.version === '20.10';
	if (!flag(parsed, 'force', false)) {
		const items = ['all stopped containers', 'all networks not used by at least one container', ...(volumes ? ['all anonymous volumes not used by at least one container'] : []), flag(parsed, 'all', false) ? 'all images without at least one container associated to them' : 'all dangling images', 'unused build cache'];
		out(ctx, `WARNING! This will remove:\n${items.map((item) => `  - ${item}`).join('\n')}\n\nAre you sure you want to continue? [y/N] `);
		return OK;
	}
	const containers = pruneContainers(ctx);
	const removed = volumes ? pruneVolumes(ctx, unusedVolumes(ctx.draft).filter((volume) => everything || isAnonymousVolume(volume))) : { names: [], bytes: 0 };
	pruneReport(ctx, [['Deleted Containers', containers.names], ['Deleted Volumes', removed.names]], containers.bytes + removed.bytes);
	return OK;
};

function isAnonymousVolume(volume: Volume): boolean {
	return volume.labels !== null && dictGet(volume.labels, 'com.docker.volume.anonymous') !== undefined;
}

export const EXTENSION: Extension = {
	name: 'prune',
	docker: { 'volume prune': volumePrune, 'container prune': containerPrune, 'system prune': systemPrune },
};
