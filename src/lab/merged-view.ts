/**
 * A container's merged filesystem as its processes see it, each path labelled with where it comes
 * from: the image, the container's writable layer, or a mount (volume, bind, tmpfs). Built on the
 * engine's `describePath`; what only Docker's init layer holds (/.dockerenv, /etc/hostname …) is left out.
 */
import { describePath, type EngineSnapshot } from '../rules/core.ts';

export type MergedOrigin = 'image' | 'container' | 'volume' | 'bind' | 'tmpfs';

export interface MergedEntry {
	readonly path: string;
	readonly type: 'file' | 'dir';
	readonly origin: MergedOrigin;
	/** A large directory coming whole from the image is one row with its entry count. */
	readonly collapsed?: number;
}

const SHOWN: readonly string[] = ['image', 'container', 'volume', 'bind', 'tmpfs'] satisfies readonly MergedOrigin[];
const COLLAPSE_ABOVE = 12;

const shown = (origin: string): origin is MergedOrigin => SHOWN.includes(origin);

/** Paths of a container's merged view, depth first, at most `limit` rows; empty for an unknown container. */
export function mergedView(snapshot: EngineSnapshot, containerId: string, limit = 300): MergedEntry[] {
	const out: MergedEntry[] = [];
	const walk = (path: string): void => {
		const view = describePath(snapshot, containerId, path);
		if (view === undefined) return;
		for (const entry of view.entries) {
			if (out.length >= limit) return;
			const child = `${path === '/' ? '' : path}/${entry.name}`;
			if (entry.type === 'file') {
				if (shown(entry.origin)) out.push({ path: child, type: 'file', origin: entry.origin });
				continue;
			}
			// What only Docker's init layer has (/dev, /proc, /sys) is not the image's: left out.
			if (!shown(entry.origin)) continue;
			if (entry.origin === 'image') {
				const inner = describePath(snapshot, containerId, child)?.entries ?? [];
				if (inner.length > COLLAPSE_ABOVE && inner.every((item) => item.origin === 'image')) {
					out.push({ path: child, type: 'dir', origin: 'image', collapsed: inner.length });
					continue;
				}
			}
			out.push({ path: child, type: 'dir', origin: entry.origin });
			walk(child);
		}
	};
	walk('/');
	return out;
}
