/**
 * Transcript format v1 (../shared/reference/TRANSCRIPT-FORMAT.md): parser, normaliser and step comparison.
 *
 * Shared by the simulator conformance tests and the real-dockerd harness (tests/conformance/real-engine),
 * so it depends on nothing but the language.
 */

/** One `$ CMD` line and what the transcript expects it to print. */
export interface TranscriptStep {
	/** The command line, without the `$ ` prompt. */
	readonly command: string;
	/** Expected stdout lines, verbatim (trailing spaces kept). */
	readonly stdout: readonly string[];
	/** Expected stderr lines, without the `! ` prefix (an empty string is a blank stderr line). */
	readonly stderr: readonly string[];
	/** Expected exit status (`[exit N]`; 0 when absent). */
	readonly exitCode: number;
	/** 1-based line number of the `$ ` line in the file, for messages. */
	readonly line: number;
}

export interface Transcript {
	/** Every `# key: value` header line (keys lower-cased). */
	readonly header: Readonly<Record<string, string>>;
	readonly title: string;
	/** Images the scenario needs (`# images: a, b`). */
	readonly images: readonly string[];
	/** The engine/CLI it was recorded on, e.g. `Docker Engine 20.10.24+dfsg1 (API 1.41), docker CLI 28.2.2`. */
	readonly recorded: string;
	readonly tags: readonly string[];
	/** `# strict-stderr` (with or without a value other than `false`/`no`): stderr text is compared too. */
	readonly strictStderr: boolean;
	readonly steps: readonly TranscriptStep[];
}

/** What one executed command produced (the engine's `exec` result has this shape). */
export interface StepOutput {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
}

export interface StepComparison {
	readonly ok: boolean;
	/** Human-readable differences, empty when `ok`. */
	readonly problems: readonly string[];
}

const EXIT_LINE = /^\[exit (\d+)\]\s*$/;
const HEADER_LINE = /^# ([A-Za-z][\w-]*)(?::\s?(.*))?$/;

/** Parses a transcript. Throws on a malformed file (a fixture error must be loud). */
export function parseTranscript(text: string): Transcript {
	const lines = text.replace(/\r\n/g, '\n').split('\n');
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	const header: Record<string, string> = {};
	const steps: TranscriptStep[] = [];
	let current: { command: string; stdout: string[]; stderr: string[]; exitCode: number | undefined; line: number } | undefined;
	const flush = (): void => {
		if (current === undefined) return;
		steps.push({
			command: current.command,
			stdout: current.stdout,
			stderr: current.stderr,
			exitCode: current.exitCode ?? 0,
			line: current.line,
		});
	};
	lines.forEach((raw, index) => {
		if (raw.startsWith('$ ')) {
			flush();
			current = { command: raw.slice(2), stdout: [], stderr: [], exitCode: undefined, line: index + 1 };
			return;
		}
		if (current === undefined) {
			if (raw.trim() === '') return;
			const match = HEADER_LINE.exec(raw);
			if (match === null) throw new Error(`line ${index + 1}: expected a '# key: value' header or a '$ ' command, got ${JSON.stringify(raw)}`);
			header[(match[1] ?? '').toLowerCase()] = (match[2] ?? '').trim();
			return;
		}
		// The `! ` prefix is checked before anything trims the line: `! ` alone is a blank stderr line.
		if (raw.startsWith('! ')) {
			current.stderr.push(raw.slice(2));
			return;
		}
		const exit = EXIT_LINE.exec(raw);
		if (exit !== null) {
			if (current.exitCode !== undefined) throw new Error(`line ${index + 1}: a second [exit N] for one command`);
			current.exitCode = Number(exit[1]);
			return;
		}
		if (current.exitCode !== undefined) throw new Error(`line ${index + 1}: output after [exit N]`);
		current.stdout.push(raw);
	});
	flush();
	const list = (value: string | undefined): string[] =>
		(value ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
	const strict = header['strict-stderr'];
	return {
		header,
		title: header['title'] ?? '',
		images: list(header['images']),
		recorded: header['recorded'] ?? '',
		tags: list(header['tags']),
		strictStderr: strict !== undefined && !/^(false|no|0)$/i.test(strict),
		steps,
	};
}

/**
 * The format's normalisation: 64-hex runs become `<hex64>`, standalone 12-hex words `<hex12>`,
 * trailing whitespace of every line and trailing blank lines are dropped.
 */
export function normalise(text: string): string {
	const lines = text
		.replace(/\r\n/g, '\n')
		.replace(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g, '<hex64>')
		.replace(/\b[0-9a-f]{12}\b/g, '<hex12>')
		.split('\n')
		.map((line) => line.replace(/\s+$/, ''));
	while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines.join('\n');
}

/** Splits a command line into words (enough to recognise `docker volume ls -q` and friends). */
function roughWords(command: string): string[] {
	return command.trim().split(/\s+/);
}

/**
 * `docker volume ls` and `docker ps` (and their `container`/`list` aliases) are compared as a multiset
 * of lines; the header line of a table output stays first.
 */
export function isUnorderedListing(command: string): { unordered: boolean; hasHeader: boolean } {
	const words = roughWords(command);
	if (words[0] !== 'docker') return { unordered: false, hasHeader: false };
	const rest = words.slice(1);
	const isPs = rest[0] === 'ps' || (rest[0] === 'container' && ['ls', 'ps', 'list'].includes(rest[1] ?? ''));
	const isVolumeLs = rest[0] === 'volume' && ['ls', 'list'].includes(rest[1] ?? '');
	if (!isPs && !isVolumeLs) return { unordered: false, hasHeader: false };
	const quiet = rest.some((word) => word === '-q' || word === '--quiet' || /^-[a-zA-Z]*q[a-zA-Z]*$/.test(word));
	const formatIndex = rest.findIndex((word) => word === '--format' || word.startsWith('--format='));
	let format: string | undefined;
	if (formatIndex >= 0) {
		const word = rest[formatIndex] ?? '';
		format = word.startsWith('--format=') ? word.slice('--format='.length) : rest[formatIndex + 1];
	}
	const tableFormat = format === undefined || /^['"]?table(\s|$|['"])/.test(format);
	return { unordered: true, hasHeader: !quiet && tableFormat };
}

function sortedLines(lines: readonly string[], keepFirst: boolean): string[] {
	if (lines.length === 0) return [];
	const head = keepFirst ? lines.slice(0, 1) : [];
	const body = keepFirst ? lines.slice(1) : [...lines];
	return [...head, ...body.sort()];
}

function splitNormalised(text: string): string[] {
	const normalised = normalise(text);
	return normalised === '' ? [] : normalised.split('\n');
}

/**
 * Compares what a command produced with a transcript step, following TRANSCRIPT-FORMAT.md:
 * stdout and exit status must match exactly (after normalisation; as a multiset of lines for
 * `volume ls`/`ps`), stderr must be non-empty exactly when the step expects stderr lines, and its
 * text is compared only when `strictStderr` is set.
 */
export function compareStep(expected: TranscriptStep, actual: StepOutput, options: { strictStderr?: boolean } = {}): StepComparison {
	const problems: string[] = [];
	const listing = isUnorderedListing(expected.command);
	let wantOut = splitNormalised(expected.stdout.join('\n'));
	let gotOut = splitNormalised(actual.stdout);
	if (listing.unordered) {
		wantOut = sortedLines(wantOut, listing.hasHeader);
		gotOut = sortedLines(gotOut, listing.hasHeader);
	}
	if (wantOut.join('\n') !== gotOut.join('\n')) {
		problems.push(`stdout differs\n--- expected\n${wantOut.join('\n')}\n--- actual\n${gotOut.join('\n')}`);
	}
	if (expected.exitCode !== actual.exitCode) {
		problems.push(`exit status: expected ${expected.exitCode}, got ${actual.exitCode}`);
	}
	const wantErr = expected.stderr.length > 0;
	const gotErr = actual.stderr.length > 0;
	if (wantErr !== gotErr) {
		problems.push(wantErr ? 'expected output on stderr, got none' : `expected no stderr, got:\n${actual.stderr}`);
	} else if (wantErr && options.strictStderr === true) {
		const want = normalise(expected.stderr.join('\n'));
		const got = normalise(actual.stderr);
		if (want !== got) problems.push(`stderr differs\n--- expected\n${want}\n--- actual\n${got}`);
	}
	return { ok: problems.length === 0, problems };
}

/** The docker version a transcript was recorded against, as the engine names it (`undefined` if unknown). */
export function recordedDockerVersion(transcript: Transcript): '20.10' | '29' | undefined {
	const match = /Docker Engine (\d+)\.(\d+)/.exec(transcript.recorded);
	if (match === null) return undefined;
	const major = Number(match[1]);
	if (major === 20) return '20.10';
	if (major >= 23) return '29';
	return undefined;
}
