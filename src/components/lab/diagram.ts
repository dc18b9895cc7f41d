/**
 * Draws the lab diagram (an SVG) from a layout, and animates the change from the previous layout:
 * new elements fade in, removed ones fade out as ghosts, changed ones pulse. With
 * `prefers-reduced-motion: reduce` nothing moves: the new state is simply drawn.
 * Everything is text nodes and attributes (never markup strings).
 */
import type { Box, DiagramLayout } from '../../lab/diagram-layout.ts';

const NS = 'http://www.w3.org/2000/svg';
type Strings = (key: string, params?: Record<string, string | number>) => string;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
	const el = document.createElementNS(NS, tag);
	for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
	el.append(...children);
	return el;
}

function text(x: number, y: number, content: string, className: string, max = 40): SVGTextElement {
	const shown = content.length > max ? `${content.slice(0, max - 1)}…` : content;
	return svg('text', { x, y, class: className }, shown);
}

function rect(box: Box, className: string, dashed = false): SVGRectElement {
	const attrs: Record<string, string | number> = { x: box.x, y: box.y, width: box.w, height: box.h, rx: 4, class: className };
	if (dashed) attrs['stroke-dasharray'] = '4 3';
	return svg('rect', attrs);
}

/** One group per keyed element. */
function groups(layout: DiagramLayout, s: Strings, arrowId: string): Map<string, { node: SVGGElement; signature: string }> {
	const out = new Map<string, { node: SVGGElement; signature: string }>();
	for (const box of layout.containers) {
		const { row } = box;
		const g = svg(
			'g',
			{ class: `mp-dia__container is-${row.status}` },
			rect(box, 'mp-dia__box', row.status !== 'running'),
			text(box.x + 8, box.y + 16, `${row.name} · ${s(`lab.status.${row.status}`)}`, 'mp-dia__title', 34),
			rect({ key: '', x: box.x + 6, y: box.y + 24, w: box.w - 12, h: 16 }, 'mp-dia__layer is-container'),
			text(box.x + 12, box.y + 36, s('lab.diagram.containerLayer', { count: row.layerEntries }), 'mp-dia__small', 40),
			rect({ key: '', x: box.x + 6, y: box.y + 42, w: box.w - 12, h: 16 }, 'mp-dia__layer is-image'),
			text(box.x + 12, box.y + 54, s('lab.diagram.imageLayers', { image: row.image, count: row.imageLayers }), 'mp-dia__small', 40),
			...box.mounts.map(({ mount, y }) =>
				text(
					box.x + 12,
					y + 4,
					`${mount.destination} ← ${mount.type === 'tmpfs' ? s('lab.diagram.tmpfs') : mount.source}${mount.readOnly ? ` (${s('lab.diagram.ro')})` : ''}`,
					'mp-dia__small',
					42,
				),
			),
		);
		out.set(box.key, { node: g, signature: box.signature });
	}
	for (const store of layout.stores) {
		const detail =
			store.kind === 'bind'
				? ''
				: `${s(store.kind === 'anonymous' ? 'lab.kind.anonymous' : 'lab.kind.named')} · ${store.dangling ? s('lab.volumes.dangling') : s('lab.diagram.users', { count: store.users })}`;
		const g = svg('g', { class: `mp-dia__store is-${store.kind}${store.dangling ? ' is-dangling' : ''}` }, rect(store, 'mp-dia__box', store.dangling));
		g.append(text(store.x + 8, store.y + 16, store.label, 'mp-dia__title', 40));
		if (detail) g.append(text(store.x + 8, store.y + 31, detail, 'mp-dia__small', 46));
		out.set(store.key, { node: g, signature: store.signature });
	}
	for (const edge of layout.edges) {
		const midX = (edge.from.x + edge.to.x) / 2;
		const path = svg('path', {
			d: `M${edge.from.x},${edge.from.y} C${midX},${edge.from.y} ${midX},${edge.to.y} ${edge.to.x - 4},${edge.to.y}`,
			class: `mp-dia__edge${edge.readOnly ? ' is-ro' : ''}`,
			'marker-end': `url(#${arrowId})`,
			...(edge.readOnly ? { 'stroke-dasharray': '6 4' } : {}),
		});
		const g = svg('g', {}, path);
		if (edge.readOnly) g.append(text(midX - 8, (edge.from.y + edge.to.y) / 2 - 4, s('lab.diagram.ro'), 'mp-dia__ro'));
		out.set(edge.key, { node: g, signature: edge.readOnly ? 'ro' : 'rw' });
	}
	return out;
}

export interface DiagramRenderer {
	render(layout: DiagramLayout, summary: string): void;
}

/**
 * A renderer bound to an `<svg>` from Lab.astro (its `<title>`, the arrowhead `<marker>` the edges
 * point to and the `g.mp-dia__content` it draws into are in the markup), remembering what it drew last.
 */
export function diagramRenderer(root: SVGSVGElement, s: Strings, reducedMotion: () => boolean): DiagramRenderer {
	let previous = new Map<string, { node: SVGGElement; signature: string }>();
	let first = true;
	const title = root.querySelector<SVGTitleElement>(':scope > title') as SVGTitleElement;
	const canvas = root.querySelector('.mp-dia__content') as SVGGElement;
	const arrowId = root.querySelector('marker')?.id ?? '';
	return {
		render(layout, summary) {
			const animate = !first && !reducedMotion();
			first = false;
			const next = groups(layout, s, arrowId);
			root.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
			title.textContent = summary;
			const frame = svg(
				'g',
				{},
				rect(layout.host, 'mp-dia__host'),
				text(layout.host.x + 8, layout.host.y + 16, s('lab.diagram.host'), 'mp-dia__title'),
				rect(layout.volumeArea, 'mp-dia__area'),
				text(layout.volumeArea.x + 8, layout.volumeArea.y + 15, s('lab.diagram.volumeArea'), 'mp-dia__small', 48),
				rect(layout.dirArea, 'mp-dia__area'),
				text(layout.dirArea.x + 8, layout.dirArea.y + 15, s('lab.diagram.dirArea'), 'mp-dia__small', 48),
			);
			const content: Node[] = [frame];
			if (layout.containers.length === 0) content.push(text(16, 40, s('lab.diagram.noContainers'), 'mp-dia__small', 60));
			for (const [key, { node, signature }] of next) {
				const old = previous.get(key);
				if (animate && old === undefined) node.classList.add('mp-enter');
				else if (animate && old !== undefined && old.signature !== signature) node.classList.add('mp-changed');
				content.push(node);
			}
			if (animate) {
				for (const [key, { node }] of previous) {
					if (next.has(key)) continue;
					node.classList.remove('mp-enter', 'mp-changed');
					node.classList.add('mp-exit');
					node.addEventListener('animationend', () => node.remove(), { once: true });
					content.push(node);
				}
			}
			canvas.replaceChildren(...content);
			previous = next;
		},
	};
}
