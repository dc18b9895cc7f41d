/**
 * The per-row contexts of `ps` and `volume ls` (`image ls`: image-commands.ts) that `--format`
 * templates read; the inspect JSON is in inspect-commands.ts.
 */
import { dictGet, treeSize, type Dict } from '../model/fs.ts';
import { volumeMountpoint, type Container, type EngineState, type Mount, type Volume } from '../model/state.ts';
import { ellipsis, goQuote, humanDuration, humanSize, rfc3339 } from '../cli/format.ts';

type Json = Record<string, unknown>;

export function visibleMounts(container: Container): Mount[] {
	return container.mounts.filter((mount) => mount.hidden !== true);
}

// ---- list contexts ------------------------------------------------------------------------------

function labelsText(labels: Dict<string> | null): string {
	if (labels === null) return '';
	return Object.keys(labels).map((key) => `${key}=${dictGet(labels, key)}`).join(',');
}

export function goTimeString(seconds: number): string {
	return `${rfc3339(seconds).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

export const PS_HEADERS: Readonly<Record<string, string>> = {
	ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS', State: 'STATE',
	Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS', LocalVolumes: 'LOCAL VOLUMES',
};

export function psRow(state: EngineState, container: Container, trunc: boolean): Json {
	const now = state.clock;
	const command = [container.path, ...container.args.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg))].join(' ');
	const status =
		container.state.status === 'running'
			? `Up ${humanDuration(now - container.state.startedAt)}`
			: container.state.status === 'created'
				? 'Created'
				: `Exited (${container.state.exitCode}) ${humanDuration(now - container.state.finishedAt)} ago`;
	const mounts = visibleMounts(container).map((mount) => {
		const name = mount.name === '' ? mount.source : mount.name;
		return trunc ? ellipsis(name, 15) : name;
	});
	return {
		ID: trunc ? container.id.slice(0, 12) : container.id,
		Image: container.config.image,
		Command: goQuote(trunc ? ellipsis(command, 20) : command),
		CreatedAt: goTimeString(container.created),
		RunningFor: `${humanDuration(now - container.created)} ago`,
		Ports: '',
		State: container.state.status,
		Status: status,
		Size: `${humanSize(treeSize(container.layer))} (virtual ${humanSize((dictGet(state.images, container.imageId)?.size ?? 0) + treeSize(container.layer))})`,
		Names: container.name,
		Labels: '',
		Mounts: mounts.join(','),
		Networks: '',
		LocalVolumes: String(visibleMounts(container).filter((mount) => mount.type === 'volume').length),
	};
}

export const VOLUME_HEADERS: Readonly<Record<string, string>> = {
	Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE', Group: 'GROUP', Availability: 'AVAILABILITY', Status: 'STATUS',
};

export function volumeRow(volume: Volume): Json {
	return {
		Name: volume.name,
		Driver: volume.driver,
		Scope: 'local',
		Mountpoint: volumeMountpoint(volume.name),
		Labels: labelsText(volume.labels),
		Links: 'N/A',
		Size: 'N/A',
		Group: '',
		Availability: 'N/A',
		Status: 'N/A',
	};
}
