/**
 * Geometry of the lab diagram: containers (with their container layer, image layers and mount points)
 * on the left, the host on the right with Docker's volume area and the bind-mounted directories, and
 * one arrow per mount. Pure, so the layout is tested without a DOM; `diagram.ts` draws it.
 * Every element has a stable key, which is how the diagram knows what appeared and what disappeared.
 */
import type { ContainerRow, MountRow, StateView } from './state-view.ts';

export interface Box {
	readonly key: string;
	readonly x: number;
	readonly y: number;
	readonly w: number;
	readonly h: number;
}

export interface ContainerBox extends Box {
	readonly row: ContainerRow;
	/** One line per mount, at this y (the arrow starts there). */
	readonly mounts: ReadonlyArray<{ readonly mount: MountRow; readonly y: number }>;
	/** A signature of what is drawn, to flag a changed box. */
	readonly signature: string;
}

export interface StoreBox extends Box {
	readonly kind: 'named' | 'anonymous' | 'bind';
	readonly label: string;
	readonly users: number;
	readonly dangling: boolean;
	readonly signature: string;
}

export interface Edge {
	readonly key: string;
	readonly from: { readonly x: number; readonly y: number };
	readonly to: { readonly x: number; readonly y: number };
	readonly readOnly: boolean;
}

export interface DiagramLayout {
	readonly width: number;
	readonly height: number;
	readonly containers: readonly ContainerBox[];
	readonly stores: readonly StoreBox[];
	readonly edges: readonly Edge[];
	readonly host: Box;
	readonly volumeArea: Box;
	readonly dirArea: Box;
}

export const DIAGRAM_WIDTH = 640;
const PAD = 8;
const LINE = 18;
const LEFT_W = 260;
const HOST_X = 330;
const HOST_W = DIAGRAM_WIDTH - HOST_X - PAD;
const STORE_H = 38;
const DIR_H = 26;
const GAP = 10;

export function layoutDiagram(view: StateView): DiagramLayout {
	const containers: ContainerBox[] = [];
	let y = PAD;
	for (const row of view.containers) {
		const shown = row.mounts;
		const h = 24 + 2 * LINE + shown.length * LINE + PAD;
		const top = y;
		containers.push({
			key: `c:${row.id}`,
			x: PAD,
			y: top,
			w: LEFT_W - PAD,
			h,
			row,
			mounts: shown.map((mount, index) => ({ mount, y: top + 24 + 2 * LINE + index * LINE + LINE / 2 })),
			signature: `${row.status}|${row.layerEntries}|${shown.map((m) => `${m.key}>${m.destination}${m.readOnly ? ':ro' : ''}`).join(',')}`,
		});
		y += h + GAP;
	}
	const leftBottom = y;

	const stores: StoreBox[] = [];
	const volumeTop = PAD + 24;
	y = volumeTop + 22;
	for (const volume of view.volumes) {
		stores.push({
			key: `v:${volume.name}`,
			x: HOST_X + PAD,
			y,
			w: HOST_W - 2 * PAD,
			h: STORE_H,
			kind: volume.anonymous ? 'anonymous' : 'named',
			label: volume.display,
			users: volume.usedBy.length,
			dangling: volume.dangling,
			signature: `${volume.usedBy.join(',')}|${volume.entries.join(',')}`,
		});
		y += STORE_H + 6;
	}
	const volumeArea: Box = { key: 'area:volumes', x: HOST_X + 2, y: volumeTop, w: HOST_W - 4, h: Math.max(y - volumeTop, 40) };
	y = volumeArea.y + volumeArea.h + GAP;
	const dirTop = y;
	y += 22;
	const bindSources = new Set<string>();
	for (const row of view.containers) for (const mount of row.mounts) if (mount.type === 'bind') bindSources.add(mount.key);
	for (const source of [...bindSources].sort()) {
		stores.push({ key: `b:${source}`, x: HOST_X + PAD, y, w: HOST_W - 2 * PAD, h: DIR_H, kind: 'bind', label: source, users: 0, dangling: false, signature: source });
		y += DIR_H + 6;
	}
	const dirArea: Box = { key: 'area:dirs', x: HOST_X + 2, y: dirTop, w: HOST_W - 4, h: Math.max(y - dirTop, 40) };
	const host: Box = { key: 'host', x: HOST_X - PAD, y: PAD / 2, w: HOST_W + PAD, h: dirArea.y + dirArea.h + PAD - PAD / 2 };

	const storeByKey = new Map(stores.map((store) => [store.key, store]));
	const edges: Edge[] = [];
	for (const box of containers) {
		for (const { mount, y: from } of box.mounts) {
			if (mount.type === 'tmpfs') continue;
			const store = storeByKey.get(`${mount.type === 'volume' ? 'v' : 'b'}:${mount.key}`);
			if (store === undefined) continue;
			edges.push({
				key: `e:${box.row.id}:${mount.destination}`,
				from: { x: box.x + box.w, y: from },
				to: { x: store.x, y: store.y + store.h / 2 },
				readOnly: mount.readOnly,
			});
		}
	}
	const height = Math.max(leftBottom, host.y + host.h + PAD, 160);
	return { width: DIAGRAM_WIDTH, height, containers, stores, edges, host, volumeArea, dirArea };
}
