/**
 * "Copy as transcript": a session in transcript format v1 (../shared/reference/TRANSCRIPT-FORMAT.md),
 * so it can be replayed by the conformance runner or against a real Docker Engine.
 */
import type { Entry } from './session.ts';

export interface TranscriptMeta {
	readonly title: string;
	readonly seed: number;
	readonly dockerVersion: string;
}

/** Output text as transcript lines: the final newline ends the last line. */
function outputLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

/** A stdout line the parser would take for a prompt, a stderr line or an exit marker. */
function ambiguous(line: string): boolean {
	return line.startsWith('$ ') || line.startsWith('! ') || /^\[exit \d+\]\s*$/.test(line);
}

/**
 * The transcript text. Format v1 has no escape, so a stdout line that would be misread (say, the output
 * of `echo '$ x'`) is written with one leading space and counted in a `# escaped-lines` header.
 */
export function sessionTranscript(entries: readonly Entry[], meta: TranscriptMeta): string {
	const body: string[] = [];
	let escaped = 0;
	for (const { command, result } of entries) {
		body.push(`$ ${command.replace(/[\r\n]+/g, ' ')}`);
		for (const line of outputLines(result.stdout)) {
			if (ambiguous(line)) escaped++;
			body.push(ambiguous(line) ? ` ${line}` : line);
		}
		for (const line of outputLines(result.stderr)) body.push(`! ${line}`);
		if (result.exitCode !== 0) body.push(`[exit ${result.exitCode}]`);
	}
	const header = [
		`# title: ${meta.title.replace(/[\r\n]+/g, ' ')}`,
		`# recorded: Mountpoint simulator (createEngine seed ${meta.seed}, dockerVersion ${meta.dockerVersion})`,
	];
	if (escaped > 0) header.push(`# escaped-lines: ${escaped}`);
	return `${[...header, ...body].join('\n')}\n`;
}
