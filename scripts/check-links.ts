/**
 * Fails the build when any internal link or anchor in the built site is broken.
 *
 * Runs over `dist/` after `astro build` (so it sees every link, including the ones components and
 * Starlight render, with the deploy base applied). For every page it collects the element ids, then
 * checks each internal `<a href>`, `<link href>`, `<script src>` and `<img src>`: the target file
 * must exist and, when there is a `#fragment` on an `<a>`, the target page must have that id.
 *
 * Usage: node scripts/check-links.ts [distDir]   (SITE and BASE as for the build)
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'parse5';

interface Parse5Node {
	nodeName: string;
	attrs?: { name: string; value: string }[];
	childNodes?: Parse5Node[];
	content?: Parse5Node;
}

const distDir = process.argv[2] ?? 'dist';
const site = new URL(process.env['SITE'] ?? 'http://127.0.0.1:4321');
const base = (process.env['BASE'] ?? '/').replace(/\/?$/, '/');

function htmlFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return htmlFiles(path);
		return name.endsWith('.html') ? [path] : [];
	});
}

/** The URL path a built file is served at (`dist/en/named/index.html` → `/base/en/named/`). */
function urlPathOf(file: string): string {
	const rel = relative(distDir, file).split(sep).join('/');
	return base + rel.replace(/(^|\/)index\.html$/, '$1');
}

function walk(node: Parse5Node, fn: (node: Parse5Node) => void): void {
	fn(node);
	for (const child of node.childNodes ?? []) walk(child, fn);
	if (node.content) walk(node.content, fn);
}

const attr = (node: Parse5Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;

interface PageLinks {
	ids: Set<string>;
	refs: { tag: string; url: string }[];
}

const pages = new Map<string, PageLinks>();
for (const file of htmlFiles(distDir)) {
	const doc = parse(readFileSync(file, 'utf8')) as unknown as Parse5Node;
	const page: PageLinks = { ids: new Set(), refs: [] };
	walk(doc, (node) => {
		const id = attr(node, 'id');
		if (id) page.ids.add(id);
		const name = attr(node, 'name');
		if (node.nodeName === 'a' && name) page.ids.add(name);
		const ref =
			node.nodeName === 'a' || node.nodeName === 'link'
				? attr(node, 'href')
				: node.nodeName === 'script' || node.nodeName === 'img'
					? attr(node, 'src')
					: undefined;
		if (ref !== undefined) page.refs.push({ tag: node.nodeName, url: ref });
	});
	pages.set(urlPathOf(file), page);
}

/** Maps an internal URL path to the built file that serves it, or undefined when none does. */
function fileFor(pathname: string): string | undefined {
	if (!pathname.startsWith(base)) return undefined;
	const rel = decodeURIComponent(pathname.slice(base.length));
	const candidates = rel === '' || rel.endsWith('/') ? [join(distDir, rel, 'index.html')] : [join(distDir, rel), join(distDir, rel, 'index.html')];
	return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

const problems: string[] = [];
let checked = 0;
for (const [pagePath, page] of pages) {
	for (const { tag, url } of page.refs) {
		// The 404 page is served in place of every missing URL, so its head's canonical and
		// hreflang links name no real page; its body links are still checked.
		if (tag === 'link' && pagePath.endsWith('/404.html')) continue;
		if (/^(mailto|tel|javascript|data):/i.test(url)) continue;
		const target = new URL(url, new URL(pagePath, site));
		if (target.origin !== site.origin) continue;
		checked++;
		const where = `${pagePath}: <${tag}> ${url}`;
		const file = fileFor(target.pathname);
		if (!file) {
			problems.push(`${where} → no such page or file`);
			continue;
		}
		if (tag !== 'a' || !target.hash) continue;
		const fragment = decodeURIComponent(target.hash.slice(1));
		const targetPage = pages.get(target.pathname.endsWith('/') ? target.pathname : urlPathOf(file));
		if (targetPage && !targetPage.ids.has(fragment)) problems.push(`${where} → no #${fragment} on ${target.pathname}`);
	}
}

if (problems.length > 0) {
	console.error(`check-links: ${problems.length} broken internal link(s):\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
console.log(`check-links: ${checked} internal links and anchors on ${pages.size} pages resolve.`);
