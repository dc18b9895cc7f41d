/**
 * Tab completion for the lab prompt: command words, flags, and names taken from the engine's state
 * (containers, volumes, images, host paths). Pure: the prompt passes the text before the cursor and
 * gets back what to replace and the candidates.
 */
import { objectNames, type DirNode } from '../rules/core.ts';
import type { Snapshot } from './engine-port.ts';

/** What an argument position holds. */
export type ArgKind = 'container' | 'volume' | 'image' | 'any' | 'host-path' | 'none';

export interface CommandSpec {
	readonly flags?: readonly string[];
	/** Flags that take a value (also listed in `flags`), and what kind of value. */
	readonly values?: Readonly<Record<string, ArgKind>>;
	readonly subcommands?: Readonly<Record<string, CommandSpec>>;
	/** Kind of each positional argument; the last one repeats. */
	readonly args?: readonly ArgKind[];
}

export interface Vocabulary {
	/** Commands of the host shell, each with its flags. */
	readonly host: Readonly<Record<string, CommandSpec>>;
	/** `docker` subcommands. */
	readonly docker: Readonly<Record<string, CommandSpec>>;
	/** Words the lab itself understands (reset, undo …). */
	readonly labWords: readonly string[];
}

export interface Names {
	readonly containers: readonly string[];
	readonly volumes: readonly string[];
	readonly images: readonly string[];
}

export interface Completion {
	/** Where the word being completed starts in the text. */
	readonly start: number;
	/** Every match, sorted. */
	readonly candidates: readonly string[];
	/** Text to put in place of the word (the longest common prefix; plus a space when unique). */
	readonly replacement: string;
}

/** Container, volume and image names of a snapshot (images without `:latest`), for completion. */
export function namesOf(snapshot: Snapshot): Names {
	const names = objectNames(snapshot);
	return { containers: names.containers, volumes: names.volumes, images: [...new Set(names.images.map((tag) => tag.replace(/:latest$/, '')))] };
}

function commonPrefix(words: readonly string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

function hostPathCandidates(host: DirNode, word: string, cwd: string): string[] {
	const slash = word.lastIndexOf('/');
	const dirPart = word.slice(0, slash + 1);
	const namePart = word.slice(slash + 1);
	const absolute = dirPart.startsWith('/') ? dirPart : `${cwd.replace(/\/?$/, '/')}${dirPart}`;
	let node: DirNode | undefined = host;
	for (const seg of absolute.split('/')) {
		if (seg === '' || seg === '.') continue;
		const child: DirNode['children'][string] | undefined = node && Object.hasOwn(node.children, seg) ? node.children[seg] : undefined;
		node = child?.type === 'dir' ? child : undefined;
		if (node === undefined) return [];
	}
	if (node === undefined) return [];
	const children = node.children;
	return Object.keys(children)
		.filter((name) => name.startsWith(namePart) && children[name]?.type !== 'whiteout')
		.map((name) => `${dirPart}${name}${children[name]?.type === 'dir' ? '/' : ''}`);
}

interface Words {
	readonly words: string[];
	readonly current: string;
	readonly start: number;
}

/** Splits the text before the cursor into finished words and the one being typed; undefined inside quotes. */
function splitWords(text: string): Words | undefined {
	if ((text.match(/'/g)?.length ?? 0) % 2 === 1 || (text.match(/"/g)?.length ?? 0) % 2 === 1) return undefined;
	const start = /\S*$/.exec(text)?.index ?? text.length;
	const words = text.slice(0, start).split(/\s+/).filter((word) => word !== '');
	return { words, current: text.slice(start), start };
}

function namesFor(kind: ArgKind, names: Names): readonly string[] {
	if (kind === 'container') return names.containers;
	if (kind === 'volume') return names.volumes;
	if (kind === 'image') return names.images;
	if (kind === 'any') return [...names.containers, ...names.volumes, ...names.images];
	return [];
}

/** Completes the word before the cursor. */
export function complete(text: string, snapshot: Snapshot, vocabulary: Vocabulary): Completion {
	const split = splitWords(text);
	if (split === undefined) return { start: text.length, candidates: [], replacement: '' };
	const { words, current, start } = split;
	const names = namesOf(snapshot);
	let pool: readonly string[];
	let spec: CommandSpec | undefined;
	let positional = 0;
	let valueKind: ArgKind | undefined;
	let suffix = ' ';

	if (words.length === 0) {
		pool = ['docker', ...Object.keys(vocabulary.host), ...vocabulary.labWords];
	} else {
		const [first, ...rest] = words as [string, ...string[]];
		let table: Readonly<Record<string, CommandSpec>> | undefined = first === 'docker' ? vocabulary.docker : undefined;
		spec = first === 'docker' ? { subcommands: vocabulary.docker } : vocabulary.host[first];
		for (const word of rest) {
			if (valueKind !== undefined) {
				valueKind = undefined;
				continue;
			}
			if (word.startsWith('-')) {
				const flag = word.split('=')[0] ?? word;
				const kind = spec?.values !== undefined && Object.hasOwn(spec.values, flag) ? spec.values[flag] : undefined;
				if (!word.includes('=') && kind !== undefined) valueKind = kind;
				continue;
			}
			const sub: CommandSpec | undefined = table !== undefined && positional === 0 && Object.hasOwn(table, word) ? table[word] : undefined;
			if (sub !== undefined) {
				spec = sub;
				table = sub.subcommands;
				continue;
			}
			table = undefined;
			positional++;
		}
		if (current.startsWith('-') && valueKind === undefined) {
			pool = spec?.flags ?? [];
		} else if (valueKind !== undefined) {
			pool = namesFor(valueKind, names);
			if (valueKind === 'volume') suffix = ':';
			if (valueKind === 'host-path' || (valueKind === 'volume' && /^[./~]/.test(current))) pool = hostPathCandidates(snapshot.host, current, snapshot.cwd);
		} else if (table !== undefined && positional === 0) {
			pool = Object.keys(table);
		} else {
			const args = spec?.args ?? [];
			const kind = args[Math.min(positional, args.length - 1)] ?? 'none';
			pool = kind === 'host-path' || (current.includes('/') && first !== 'docker') ? hostPathCandidates(snapshot.host, current, snapshot.cwd) : namesFor(kind, names);
		}
	}
	const candidates = [...new Set(pool.filter((word) => word.startsWith(current)))].sort();
	if (candidates.length === 0) return { start, candidates, replacement: current };
	const prefix = commonPrefix(candidates);
	const unique = candidates.length === 1 && !prefix.endsWith('/');
	return { start, candidates, replacement: unique ? `${prefix}${suffix}` : prefix };
}
