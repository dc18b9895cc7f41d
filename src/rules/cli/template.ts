/**
 * The subset of Go's text/template that docker users write in `--format`/`-f`: field chains,
 * `{{json}}`, `{{range}}`/`{{if}}`/`{{with}}`/`{{else}}`/`{{end}}`, pipes, `$`, trim markers, and
 * docker's extra functions. Errors read like Go's (`template: :1:2: executing "" at <.X>: …`).
 */
import { memo } from '../memo.ts';
import { goJson, NIL_MAP, NIL_SLICE } from './go-json.ts';
import type { Extension } from '../extensions.ts';

type Arg =
	| { readonly t: 'field'; readonly chain: readonly string[]; readonly from: 'dot' | 'root'; readonly pos: number; readonly text: string }
	| { readonly t: 'lit'; readonly value: unknown }
	| { readonly t: 'ident'; readonly name: string; readonly pos: number }
	| { readonly t: 'pipe'; readonly pipe: Pipe };
type Pipe = ReadonlyArray<readonly Arg[]>;
type Node =
	| { readonly t: 'text'; readonly text: string }
	| { readonly t: 'out'; readonly pipe: Pipe }
	| { readonly t: 'range' | 'if' | 'with'; readonly pipe: Pipe; readonly body: readonly Node[]; readonly alt: readonly Node[] };

export interface Template {
	readonly nodes: readonly Node[];
	readonly source: string;
}

class TemplateError extends Error {}

const FUNCTIONS = ['json', 'println', 'print', 'printf', 'len', 'index', 'join', 'split', 'lower', 'upper', 'title', 'pad', 'truncate', 'eq', 'ne', 'not', 'and', 'or', 'lt', 'gt', 'le', 'ge'] as const;

function lineOf(source: string, pos: number): number {
	return source.slice(0, pos).split('\n').length;
}

function lexAction(source: string, start: number, end: number): Array<{ tok: string; pos: number }> {
	const out: Array<{ tok: string; pos: number }> = [];
	let i = start;
	while (i < end) {
		const c = source[i] as string;
		if (/\s/.test(c)) {
			i++;
			continue;
		}
		if (c === '"' || c === '`') {
			let j = i + 1;
			while (j < end && source[j] !== c) j += source[j] === '\\' && c === '"' ? 2 : 1;
			if (j >= end) throw new TemplateError(`template: :${lineOf(source, i)}: unterminated quoted string`);
			out.push({ tok: source.slice(i, j + 1), pos: i });
			i = j + 1;
			continue;
		}
		if (c === '|' || c === '(' || c === ')') {
			out.push({ tok: c, pos: i });
			i++;
			continue;
		}
		let j = i;
		while (j < end && !/[\s|()"`]/.test(source[j] as string)) j++;
		out.push({ tok: source.slice(i, j), pos: i });
		i = j;
	}
	return out;
}

function goString(token: string, line: number): string {
	try {
		return JSON.parse(token.replace(/\\'/g, "'")) as string;
	} catch {
		throw new TemplateError(`template: :${line}: invalid syntax`);
	}
}

function parsePipe(source: string, tokens: ReadonlyArray<{ tok: string; pos: number }>, line: number): Pipe {
	const commands: Arg[][] = [[]];
	for (let i = 0; i < tokens.length; i++) {
		const { tok, pos } = tokens[i] as { tok: string; pos: number };
		const current = commands[commands.length - 1] as Arg[];
		if (tok === '|') {
			if (current.length === 0) throw new TemplateError(`template: :${line}: missing command`);
			commands.push([]);
		} else if (tok === '(') {
			let depth = 1;
			let j = i + 1;
			for (; j < tokens.length; j++) {
				const inner = (tokens[j] as { tok: string }).tok;
				if (inner === '(') depth++;
				else if (inner === ')' && --depth === 0) break;
			}
			if (j >= tokens.length) throw new TemplateError(`template: :${line}: unclosed left paren`);
			current.push({ t: 'pipe', pipe: parsePipe(source, tokens.slice(i + 1, j), line) });
			i = j;
		} else if (tok === ')') throw new TemplateError(`template: :${line}: unexpected right paren`);
		else if (tok.startsWith('"')) current.push({ t: 'lit', value: goString(tok, line) });
		else if (tok.startsWith('`')) current.push({ t: 'lit', value: tok.slice(1, -1) });
		else if (/^-?\d+(\.\d+)?$/.test(tok)) current.push({ t: 'lit', value: Number(tok) });
		else if (tok === 'true' || tok === 'false') current.push({ t: 'lit', value: tok === 'true' });
		else if (tok === 'nil') current.push({ t: 'lit', value: null });
		else if (tok === '.') current.push({ t: 'field', chain: [], from: 'dot', pos, text: '.' });
		else if (tok.startsWith('.') || tok === '$' || tok.startsWith('$.')) {
			const from = tok.startsWith('$') ? 'root' : 'dot';
			const chain = (from === 'root' ? tok.slice(1) : tok).split('.').filter((part) => part !== '');
			current.push({ t: 'field', chain, from, pos, text: tok });
		} else if (/^[A-Za-z_]\w*$/.test(tok)) {
			if (!(FUNCTIONS as readonly string[]).includes(tok)) throw new TemplateError(`template: :${line}: function "${tok}" not defined`);
			current.push({ t: 'ident', name: tok, pos });
		} else throw new TemplateError(`template: :${line}: bad character ${JSON.stringify(tok[0])}`);
	}
	if ((commands[commands.length - 1] as Arg[]).length === 0) throw new TemplateError(`template: :${line}: missing value for command`);
	return commands;
}

/** Parses a template; throws nothing, returns Go's parse error text instead. */
export function parseTemplate(source: string): Template | { error: string } {
	try {
		const root: Node[] = [];
		type Frame = { kind: 'range' | 'if' | 'with'; pipe: Pipe; body: Node[]; alt: Node[]; inAlt: boolean; line: number; elseIf: boolean };
		const stack: Frame[] = [];
		const target = (): Node[] => {
			const frame = stack[stack.length - 1];
			return frame === undefined ? root : frame.inAlt ? frame.alt : frame.body;
		};
		let i = 0;
		let trimNext = false;
		while (i < source.length) {
			const open = source.indexOf('{{', i);
			let text = source.slice(i, open < 0 ? source.length : open);
			if (trimNext) text = text.replace(/^\s+/, '');
			if (open < 0) {
				if (text !== '') target().push({ t: 'text', text });
				break;
			}
			const trimLeft = source.startsWith('{{- ', open) || source.startsWith('{{-\t', open) || source.startsWith('{{-\n', open);
			if (trimLeft) text = text.replace(/\s+$/, '');
			if (text !== '') target().push({ t: 'text', text });
			let close = -1;
			let quote: string | undefined;
			for (let j = open + 2; j < source.length - 1; j++) {
				const c = source[j];
				if (quote !== undefined) {
					if (c === '\\' && quote === '"') j++;
					else if (c === quote) quote = undefined;
				} else if (c === '"' || c === '`') quote = c;
				else if (c === '}' && source[j + 1] === '}') {
					close = j;
					break;
				}
			}
			const line = lineOf(source, open);
			if (close < 0) throw new TemplateError(`template: :${line}: unclosed action`);
			const trimRight = /\s-$/.test(source.slice(open, close));
			const start = open + (trimLeft ? 3 : 2);
			const end = trimRight ? close - 1 : close;
			trimNext = trimRight;
			i = close + 2;
			const inner = source.slice(start, end).trim();
			if (inner.startsWith('/*')) continue;
			const tokens = lexAction(source, start, end);
			const keyword = tokens[0]?.tok;
			if (keyword === undefined) throw new TemplateError(`template: :${line}: missing value for command`);
			if (keyword === 'range' || keyword === 'if' || keyword === 'with') {
				stack.push({ kind: keyword, pipe: parsePipe(source, tokens.slice(1), line), body: [], alt: [], inAlt: false, line, elseIf: false });
			} else if (keyword === 'else') {
				const frame = stack[stack.length - 1];
				if (frame === undefined || frame.inAlt) throw new TemplateError(`template: :${line}: unexpected {{else}}`);
				frame.inAlt = true;
				if (tokens[1]?.tok === 'if') {
					const nested: Frame = { kind: 'if', pipe: parsePipe(source, tokens.slice(2), line), body: [], alt: [], inAlt: false, line, elseIf: true };
					stack.push(nested);
				}
			} else if (keyword === 'end') {
				let frame = stack.pop();
				if (frame === undefined) throw new TemplateError(`template: :${line}: unexpected {{end}}`);
				for (;;) {
					const node: Node = { t: frame.kind, pipe: frame.pipe, body: frame.body, alt: frame.alt };
					const parent = stack[stack.length - 1];
					if (!frame.elseIf || parent === undefined) {
						target().push(node);
						break;
					}
					parent.alt.push(node);
					frame = stack.pop() as Frame;
				}
			} else target().push({ t: 'out', pipe: parsePipe(source, tokens, line) });
		}
		if (stack.length > 0) throw new TemplateError(`template: :${(stack[stack.length - 1] as Frame).line}: unexpected EOF`);
		return { nodes: root, source };
	} catch (error) {
		if (error instanceof TemplateError) return { error: error.message };
		throw error;
	}
}

// ---- execution ----------------------------------------------------------------------------------

export interface ExecOptions {
	/** Go type of the data, for `can't evaluate field X in type T`. */
	readonly typeName: string;
	/** Missing fields read as docker's raw-JSON fallback (`map has no entry for key "X"`). */
	readonly rawFallback: boolean;
}

function isMap(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === null;
}

/** Go's %v. */
export function formatValue(value: unknown): string {
	if (value === NIL_MAP) return 'map[]';
	if (value === NIL_SLICE) return '[]';
	if (value === null || value === undefined) return '<nil>';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
	if (isMap(value)) return `map[${Object.keys(value).sort().map((key) => `${key}:${formatValue(value[key])}`).join(' ')}]`;
	return `{${Object.getOwnPropertyNames(value).map((key) => formatValue((value as Record<string, unknown>)[key])).join(' ')}}`;
}

function truthy(value: unknown): boolean {
	if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

function lengthOf(value: unknown): number {
	if (typeof value === 'string') return new TextEncoder().encode(value).length;
	if (Array.isArray(value)) return value.length;
	if (typeof value === 'object' && value !== null) return Object.keys(value).length;
	throw new TemplateError(`len of type ${typeof value}`);
}

function sprintf(format: string, args: readonly unknown[]): string {
	let index = 0;
	return format.replace(/%([-+# 0]*\d*)([svdqt%])/g, (_, _flags: string, verb: string) => {
		if (verb === '%') return '%';
		const value = args[index++];
		if (verb === 'q') return JSON.stringify(formatValue(value));
		return formatValue(value);
	});
}

function callFunction(name: string, args: unknown[]): unknown {
	const [a, b, c] = args;
	switch (name) {
		case 'json':
			return goJson(a, { escapeHtml: false });
		case 'println':
			return `${args.map(formatValue).join(' ')}\n`;
		case 'print':
			return args.map((arg, i) => (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string' ? ' ' : '') + formatValue(arg)).join('');
		case 'printf':
			return sprintf(String(a), args.slice(1));
		case 'len':
			return lengthOf(a);
		case 'index':
			return typeof a === 'object' && a !== null ? (a as Record<string, unknown>)[String(b)] : undefined;
		case 'join':
			return (Array.isArray(a) ? a : []).map(formatValue).join(String(b));
		case 'split':
			return String(a).split(String(b));
		case 'lower':
			return String(a).toLowerCase();
		case 'upper':
			return String(a).toUpperCase();
		case 'title':
			return String(a).replace(/\b\w/g, (ch) => ch.toUpperCase());
		case 'pad':
			return ' '.repeat(Number(b)) + String(a) + ' '.repeat(Number(c));
		case 'truncate':
			return [...String(a)].slice(0, Number(b)).join('');
		case 'eq':
			return args.slice(1).some((arg) => arg === a);
		case 'ne':
			return a !== b;
		case 'not':
			return !truthy(a);
		case 'and':
			return args.find((arg) => !truthy(arg)) ?? args[args.length - 1];
		case 'or':
			return args.find((arg) => truthy(arg)) ?? args[args.length - 1];
		case 'lt':
			return (a as number) < (b as number);
		case 'gt':
			return (a as number) > (b as number);
		case 'le':
			return (a as number) <= (b as number);
		case 'ge':
			return (a as number) >= (b as number);
		default:
			return undefined;
	}
}

/** Executes a parsed template. Returns the output, or Go's execution error text. */
export function execTemplate(template: Template, data: unknown, options: ExecOptions): string | { error: string } {
	return templateRunner(template, options)(data);
}

/** A template ready to run on many values (one set of closures for all the rows of a table). */
export function templateRunner(template: Template, options: ExecOptions): (value: unknown) => string | { error: string } {
	const source = template.source;
	let data: unknown;
	const where = (pos: number): string => {
		const before = source.slice(0, pos);
		const line = before.split('\n').length;
		return `${line}:${pos - (before.lastIndexOf('\n') + 1)}`;
	};
	const field = (arg: Extract<Arg, { t: 'field' }>, dot: unknown): unknown => {
		let value = arg.from === 'root' ? data : dot;
		const fail = (reason: string): never => {
			throw new TemplateError(`template: :${where(arg.pos)}: executing "" at <${arg.text}>: ${reason}`);
		};
		for (const name of arg.chain) {
			if (value === NIL_MAP) {
				value = undefined;
				continue;
			}
			if (typeof value !== 'object' || value === null || Array.isArray(value)) {
				if (value === null || value === undefined) fail(`nil pointer evaluating interface {}.${name}`);
				fail(`can't evaluate field ${name} in type ${Array.isArray(value) ? '[]interface {}' : typeof value === 'string' ? 'string' : 'interface {}'}`);
			}
			const object = value as Record<string, unknown>;
			if (isMap(object)) {
				if (Object.hasOwn(object, name)) value = object[name];
				else if (options.rawFallback) fail(`map has no entry for key "${name}"`);
				else value = '';
				continue;
			}
			// Own fields, or zero values of omitempty fields kept on a struct prototype (objects.ts).
			const known = Object.hasOwn(object, name) || (Object.getPrototypeOf(object) !== Object.prototype && name in object);
			if (!known) fail(options.rawFallback ? `map has no entry for key "${name}"` : `can't evaluate field ${name} in type ${options.typeName}`);
			value = object[name];
		}
		return value;
	};
	const evalArg = (arg: Arg, dot: unknown): unknown => {
		if (arg.t === 'lit') return arg.value;
		if (arg.t === 'field') return field(arg, dot);
		if (arg.t === 'pipe') return evalPipe(arg.pipe, dot);
		return callFunction(arg.name, []);
	};
	const evalPipe = (pipe: Pipe, dot: unknown): unknown => {
		let previous: unknown;
		for (let index = 0; index < pipe.length; index++) {
			const command = pipe[index] as readonly Arg[];
			const head = command[0];
			if (head === undefined) continue;
			if (head.t === 'ident') {
				const args = command.slice(1).map((arg) => evalArg(arg, dot));
				if (index > 0) args.push(previous);
				try {
					previous = callFunction(head.name, args);
				} catch (error) {
					if (error instanceof TemplateError) throw new TemplateError(`template: :${where(head.pos)}: executing "" at <${head.name}>: error calling ${head.name}: ${error.message}`);
					throw error;
				}
			} else {
				if (command.length > 1) throw new TemplateError(`template: :${where(0)}: executing "" at <${source}>: can't give argument to non-function`);
				previous = evalArg(head, dot);
			}
		}
		return previous;
	};
	const run = (nodes: readonly Node[], dot: unknown, out: string[]): void => {
		for (const node of nodes) {
			if (node.t === 'text') out.push(node.text);
			else if (node.t === 'out') {
				const value = evalPipe(node.pipe, dot);
				out.push(value === undefined ? '<no value>' : formatValue(value));
			} else {
				const value = evalPipe(node.pipe, dot);
				if (node.t === 'if') run(truthy(value) ? node.body : node.alt, dot, out);
				else if (node.t === 'with') run(truthy(value) ? node.body : node.alt, truthy(value) ? value : dot, out);
				else {
					const items = Array.isArray(value) ? value : isMap(value) ? Object.keys(value).sort().map((key) => value[key]) : [];
					if (items.length === 0) run(node.alt, dot, out);
					for (const item of items) run(node.body, item, out);
				}
			}
		}
	};
	return (value) => {
		data = value;
		try {
			const out: string[] = [];
			run(template.nodes, data, out);
			return out.join('');
		} catch (error) {
			if (error instanceof TemplateError) return { error: error.message };
			throw error;
		}
	};
}

/** Parses once per distinct source (parsing is pure; the cache is bounded). */
export const cachedTemplate: (source: string) => Template | { error: string } = memo(parseTemplate);

/** Parses (once per distinct source) and runs (errors come back as text). */
export function renderTemplate(source: string, data: unknown, options: ExecOptions): string | { error: string; parse: boolean } {
	const template = cachedTemplate(source);
	if ('error' in template) return { error: template.error, parse: true };
	const out = execTemplate(template, data, options);
	return typeof out === 'string' ? out : { error: out.error, parse: false };
}

/** The `templates` extension (see ../extensions.ts): the browser loads this module for the first `--format`/`-f` that needs it. */
export const EXTENSION: Extension = { name: 'templates', templates: { cachedTemplate, execTemplate, renderTemplate, templateRunner } };
