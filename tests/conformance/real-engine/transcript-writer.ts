/**
 * The inverse of `parseTranscript` (../transcript.ts): turns executed commands back into transcript
 * text. Used by the real-engine harness's `--record` mode and by the lab REPL (scripts/lab-repl.ts).
 */
import type { StepOutput, TranscriptStep } from '../transcript.ts';

/**
 * A line as a terminal shows it: each carriage return moves back to the start, and the text after it
 * overwrites (the legacy builder ends "Sending build context … 3.072kB" with `\r\r\n`).
 */
function visibleLine(line: string): string {
	return line.split('\r').reduce((shown, segment) => segment + shown.slice(segment.length), '');
}

/** Output lines of a stream as the transcript stores them: the final newline ends the last line. */
function outputLines(text: string): string[] {
	if (text === '') return [];
	const lines = text.split('\n').map(visibleLine);
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

/** A transcript step holding what a command actually printed. */
export function stepFromOutput(command: string, output: StepOutput, line = 0): TranscriptStep {
	return {
		command,
		stdout: outputLines(output.stdout),
		stderr: outputLines(output.stderr),
		exitCode: output.exitCode,
		line,
	};
}

/** One step as transcript lines: `$ CMD`, stdout verbatim, `! ` + stderr, `[exit N]` when non-zero. */
export function formatStep(step: TranscriptStep): string {
	const lines = [`$ ${step.command}`];
	// A stdout line that looks like a prompt, a stderr line or an exit marker would be misread on parse.
	for (const line of step.stdout) {
		if (line.startsWith('$ ') || line.startsWith('! ') || /^\[exit \d+\]\s*$/.test(line)) {
			throw new Error(`stdout line ${JSON.stringify(line)} of \`${step.command}\` cannot be written in transcript format v1`);
		}
		lines.push(line);
	}
	for (const line of step.stderr) lines.push(`! ${line}`);
	if (step.exitCode !== 0) lines.push(`[exit ${step.exitCode}]`);
	return lines.join('\n');
}

/**
 * A whole transcript: header lines in the given order (`# key: value`, or `# key` for a flag such as
 * `strict-stderr` whose value is empty), then the steps.
 */
export function formatTranscript(header: readonly (readonly [string, string])[], steps: readonly TranscriptStep[]): string {
	const head = header.map(([key, value]) => (value === '' ? `# ${key}` : `# ${key}: ${value}`));
	return [...head, ...steps.map(formatStep)].join('\n') + '\n';
}
