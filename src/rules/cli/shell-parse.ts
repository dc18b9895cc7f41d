/**
 * Tokenizer and parser for the small POSIX-shell subset used at the host prompt (bash) and inside
 * containers (busybox ash): quotes, `\`, `$VAR`, `${VAR}`, `$(…)`, `;`, `&&`, `||`, `|`, `&`,
 * redirects `>`, `>>`, `<`, `N>`, `N>>`, `N>&M`, and `#` comments.
 */

export type WordPart =
	| { readonly kind: 'lit'; readonly text: string; readonly quoted: boolean }
	| { readonly kind: 'var'; readonly name: string; readonly quoted: boolean }
	| { readonly kind: 'subst'; readonly script: string; readonly quoted: boolean };
/** A word: one unquoted literal as a plain string (most words), or its parts. */
export type Word = string | readonly WordPart[];

export interface Redirect {
	readonly fd: number;
	readonly op: '>' | '>>' | '<' | '>&';
	readonly target: Word;
}
export interface SimpleCommand {
	readonly words: readonly Word[];
	readonly redirects: readonly Redirect[];
}
export type Pipeline = readonly SimpleCommand[];
export interface AndOr {
	readonly first: Pipeline;
	readonly rest: ReadonlyArray<{ readonly op: '&&' | '||'; readonly pipeline: Pipeline }>;
}
export type Script = readonly AndOr[];

export type ShellSyntaxError = { readonly error: 'unterminated' | 'unexpected'; readonly token: string };

type Op = { readonly v: string };
export type Token = Word | Op;

/** The operator a token is, if it is one. */
export function opOf(token: Token | undefined): string | undefined {
	return typeof token === 'object' && !Array.isArray(token) ? (token as Op).v : undefined;
}

const OPERATOR_CHARS = new Set([';', '&', '|', '<', '>', '\n', '(', ')']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** More characters with no special meaning outside quotes, and inside double quotes (sticky: matched at `lastIndex`). */
const PLAIN_RUN = /[^ \t\r'"\\$;&|<>\n()]*/y;
const QUOTED_RUN = /[^"\\$]*/y;

/** Reads `$…` at `i` (which is the `$`). Returns the part and the index after it, or a literal `$`. */
function readDollar(src: string, i: number, quoted: boolean): { part: WordPart; next: number } | { error: ShellSyntaxError } {
	const c = src[i + 1];
	if (c === '(') {
		let depth = 1;
		let j = i + 2;
		let quote: string | undefined;
		for (; j < src.length; j++) {
			const ch = src[j];
			if (quote !== undefined) {
				if (ch === quote) quote = undefined;
				else if (ch === '\\' && quote === '"') j++;
				continue;
			}
			if (ch === "'" || ch === '"') quote = ch;
			else if (ch === '\\') j++;
			else if (ch === '(') depth++;
			else if (ch === ')' && --depth === 0) break;
		}
		if (j >= src.length) return { error: { error: 'unterminated', token: '$(' } };
		return { part: { kind: 'subst', script: src.slice(i + 2, j), quoted }, next: j + 1 };
	}
	if (c === '{') {
		const end = src.indexOf('}', i + 2);
		if (end < 0) return { error: { error: 'unterminated', token: '${' } };
		return { part: { kind: 'var', name: src.slice(i + 2, end), quoted }, next: end + 1 };
	}
	if (c !== undefined && (c === '?' || c === '$' || c === '#' || /[0-9]/.test(c))) return { part: { kind: 'var', name: c, quoted }, next: i + 2 };
	if (c !== undefined && NAME_START.test(c)) {
		let j = i + 1;
		while (j < src.length && NAME_CHAR.test(src[j] as string)) j++;
		return { part: { kind: 'var', name: src.slice(i + 1, j), quoted }, next: j };
	}
	return { part: { kind: 'lit', text: '$', quoted }, next: i + 1 };
}

export function tokenize(src: string): Token[] | ShellSyntaxError {
	const tokens: Token[] = [];
	let parts: WordPart[] = [];
	let lit = '';
	let litQuoted = false;
	let inWord = false;
	const flushLit = (): void => {
		if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted: litQuoted });
		lit = '';
	};
	const addLit = (text: string, quoted: boolean): void => {
		if (lit !== '' && litQuoted !== quoted) flushLit();
		litQuoted = quoted;
		lit += text;
		inWord = true;
	};
	const endWord = (): void => {
		if (inWord && parts.length === 0 && lit !== '' && !litQuoted) tokens.push(lit);
		else {
			flushLit();
			if (inWord) tokens.push(parts);
		}
		lit = '';
		parts = [];
		inWord = false;
	};
	let i = 0;
	while (i < src.length) {
		const c = src[i] as string;
		if (c === ' ' || c === '\t' || c === '\r') {
			endWord();
			i++;
		} else if (c === '#' && !inWord) {
			while (i < src.length && src[i] !== '\n') i++;
		} else if (c === "'") {
			const end = src.indexOf("'", i + 1);
			if (end < 0) return { error: 'unterminated', token: "'" };
			addLit(src.slice(i + 1, end), true);
			i = end + 1;
		} else if (c === '"') {
			inWord = true;
			let j = i + 1;
			for (;;) {
				if (j >= src.length) return { error: 'unterminated', token: '"' };
				const d = src[j] as string;
				if (d === '"') break;
				if (d === '\\' && j + 1 < src.length && '"\\$`\n'.includes(src[j + 1] as string)) {
					if (src[j + 1] !== '\n') addLit(src[j + 1] as string, true);
					j += 2;
				} else if (d === '$') {
					const read = readDollar(src, j, true);
					if ('error' in read) return read.error;
					if (read.part.kind === 'lit') addLit('$', true);
					else {
						flushLit();
						parts.push(read.part);
					}
					j = read.next;
				} else {
					QUOTED_RUN.lastIndex = j + 1;
					QUOTED_RUN.test(src);
					addLit(src.slice(j, QUOTED_RUN.lastIndex), true);
					j = QUOTED_RUN.lastIndex;
				}
			}
			if (lit === '' && parts.length === 0) addLit('', true);
			i = j + 1;
		} else if (c === '\\') {
			if (i + 1 < src.length && src[i + 1] !== '\n') addLit(src[i + 1] as string, true);
			i += 2;
		} else if (c === '$') {
			const read = readDollar(src, i, false);
			if ('error' in read) return read.error;
			if (read.part.kind === 'lit') addLit('$', false);
			else {
				flushLit();
				parts.push(read.part);
				inWord = true;
			}
			i = read.next;
		} else if (OPERATOR_CHARS.has(c)) {
			// `2>file`, `2>&1`: a word made only of digits right before a redirect is its descriptor.
			let fd = '';
			if ((c === '>' || c === '<') && inWord && parts.length === 0 && !litQuoted && /^[0-9]$/.test(lit)) {
				fd = lit;
				lit = '';
				inWord = false;
				parts = [];
			}
			endWord();
			const two = src.slice(i, i + 2);
			let op: string;
			if (two === '&&' || two === '||' || two === '>>' || two === '>&') op = two;
			else op = c;
			tokens.push({ v: fd + op });
			i += op.length;
		} else {
			// A run of ordinary characters at once (not one string per character).
			PLAIN_RUN.lastIndex = i + 1;
			PLAIN_RUN.test(src);
			addLit(src.slice(i, PLAIN_RUN.lastIndex), false);
			i = PLAIN_RUN.lastIndex;
		}
	}
	endWord();
	return tokens;
}

function isRedirectOp(op: string): boolean {
	return /^[0-9]?(>>|>&|>|<)$/.test(op);
}

/** Parses a command line. An empty line gives an empty script. */
export function parseScript(src: string): Script | ShellSyntaxError {
	const tokens = tokenize(src);
	if ('error' in tokens) return tokens;
	const script: AndOr[] = [];
	let pos = 0;
	const peek = (): Token | undefined => tokens[pos];
	const unexpected = (token: Token | undefined): ShellSyntaxError => {
		const op = opOf(token);
		return { error: 'unexpected', token: token === undefined ? 'end of file' : op === undefined ? 'word' : op === '\n' ? 'newline' : op };
	};

	const parseCommand = (): SimpleCommand | ShellSyntaxError => {
		const words: Word[] = [];
		const redirects: Redirect[] = [];
		for (;;) {
			const token = peek();
			if (token === undefined) break;
			const redirect = opOf(token);
			if (redirect === undefined) {
				words.push(token as Word);
				pos++;
				continue;
			}
			if (!isRedirectOp(redirect)) break;
			pos++;
			const target = peek();
			if (target === undefined || opOf(target) !== undefined) return unexpected(target);
			pos++;
			const match = /^([0-9]?)(.*)$/.exec(redirect) as RegExpExecArray;
			const op = match[2] as Redirect['op'];
			const fd = match[1] !== '' ? Number(match[1]) : op === '<' ? 0 : 1;
			redirects.push({ fd, op, target: target as Word });
		}
		if (words.length === 0 && redirects.length === 0) return unexpected(peek());
		return { words, redirects };
	};
	const parsePipeline = (): Pipeline | ShellSyntaxError => {
		const commands: SimpleCommand[] = [];
		for (;;) {
			const command = parseCommand();
			if ('error' in command) return command;
			commands.push(command);
			if (opOf(peek()) !== '|') return commands;
			pos++;
		}
	};
	const separator = (op: string | undefined): boolean => op === ';' || op === '\n' || op === '&';
	while (pos < tokens.length) {
		const token = peek();
		if (separator(opOf(token))) {
			if (opOf(token) !== '\n') return unexpected(token);
			pos++;
			continue;
		}
		const first = parsePipeline();
		if ('error' in first) return first;
		const rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }> = [];
		for (;;) {
			const op = opOf(peek());
			if (op !== '&&' && op !== '||') break;
			pos++;
			while (opOf(peek()) === '\n') pos++;
			const pipeline = parsePipeline();
			if ('error' in pipeline) return pipeline;
			rest.push({ op, pipeline });
		}
		script.push({ first, rest });
		const sep = peek();
		if (sep === undefined) break;
		if (separator(opOf(sep))) {
			pos++;
			continue;
		}
		return unexpected(sep);
	}
	return script;
}

/** The text of a word as typed, without expansion (for completion). */
export function wordText(word: Word): string {
	return typeof word === 'string' ? word : word.map((part) => (part.kind === 'lit' ? part.text : part.kind === 'var' ? `$${part.name}` : `$(${part.script})`)).join('');
}
