/**
 * The words the lab prompt completes, taken from the rules engine: its command paths and flags
 * (`COMMAND_PATHS`, `flagsOf`, and the flag kinds of `specFor`), its host commands. What the engine
 * does not say, what kind of name an argument is, is added here.
 */
import { canonicalPath, COMMAND_PATHS, HOST_COMMANDS, flagsOf, specFor } from '../rules/core.ts';
import type { ArgKind, CommandSpec, Vocabulary } from './completion.ts';
import { LAB_WORDS } from './session.ts';

/** Positional arguments by canonical command path. */
const ARGS: Readonly<Record<string, readonly ArgKind[]>> = {
	run: ['image', 'none'],
	create: ['image', 'none'],
	start: ['container'],
	stop: ['container'],
	restart: ['container'],
	kill: ['container'],
	rm: ['container'],
	exec: ['container', 'none'],
	diff: ['container'],
	logs: ['container'],
	commit: ['container', 'none'],
	inspect: ['any'],
	build: ['host-path'],
	rmi: ['image'],
	'image inspect': ['image'],
	'volume inspect': ['volume'],
	'volume rm': ['volume'],
	'volume create': ['none'],
};

/** Flag values that name something (by long name); other value flags take free text. */
const VALUE_KINDS: Readonly<Record<string, ArgKind>> = { volume: 'volume', 'volumes-from': 'container' };

function commandSpec(path: string): CommandSpec {
	const values: Record<string, ArgKind> = {};
	for (const [long, short, kind] of specFor(path)?.flags ?? []) {
		if (kind === 'bool') continue;
		const valueKind = VALUE_KINDS[long] ?? 'none';
		values[`--${long}`] = valueKind;
		if (short !== '') values[`-${short}`] = valueKind;
	}
	return { flags: flagsOf(path), values, args: ARGS[canonicalPath(path)] ?? ['none'] };
}

/** `docker` subcommands as a tree (`volume` → `ls`, `rm` …), from the engine's command paths. */
function dockerTree(): Record<string, CommandSpec> {
	const tree: Record<string, { spec?: CommandSpec; children: Record<string, CommandSpec> }> = {};
	for (const path of COMMAND_PATHS) {
		const [head = '', sub] = path.split(' ');
		const node = (tree[head] ??= { children: {} });
		if (sub === undefined) node.spec = commandSpec(path);
		else node.children[sub] = commandSpec(path);
	}
	return Object.fromEntries(
		Object.entries(tree).map(([name, node]) => [name, Object.keys(node.children).length > 0 ? { ...node.spec, subcommands: node.children } : (node.spec ?? {})]),
	);
}

const HOST_FLAGS: Readonly<Record<string, readonly string[]>> = { mkdir: ['-p'], ls: ['-A', '-a', '-l'], rm: ['-r', '-f', '-rf'], cp: ['-r'] };

export const LAB_VOCABULARY: Vocabulary = {
	host: Object.fromEntries(
		[...HOST_COMMANDS, 'cd', 'pwd'].map((name) => [name, { flags: HOST_FLAGS[name] ?? [], args: name === 'echo' || name === 'sleep' ? ['none'] : ['host-path'] }]),
	),
	docker: dockerTree(),
	labWords: LAB_WORDS,
};
