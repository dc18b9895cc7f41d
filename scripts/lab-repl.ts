/**
 * npm run lab — a terminal REPL on the rules engine, for authors trying out scenarios.
 *
 *   npm run lab                              interactive prompt (`$ `); :help lists the extra commands
 *   npm run lab -- --seed 7 --docker 20.10   pick the id seed and the Docker version to simulate
 *   npm run lab -- --script FILE             replay a transcript (or a plain list of commands, one a
 *                                            line, `#` lines ignored) and print it in transcript format;
 *                                            for a transcript, steps that differ from the file are
 *                                            reported on stderr and the exit status is 1
 *   echo 'docker volume ls' | npm run lab    same as --script with the commands from stdin
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createEngine } from '../src/rules/index.ts';
import { compareStep, parseTranscript, recordedDockerVersion, type StepOutput, type Transcript, type TranscriptStep } from '../tests/conformance/transcript.ts';
import { formatTranscript, stepFromOutput } from '../tests/conformance/real-engine/transcript-writer.ts';

type DockerVersion = '20.10' | '29';

interface Options {
	seed: number;
	/** Unset: the transcript's `recorded:` engine when replaying one, else Docker 29. */
	docker: DockerVersion | undefined;
	script: string | undefined;
}

const HELP = `Commands are run by the simulated host shell and docker CLI, as in a transcript.
  :help            this text
  :snapshot        the engine state as JSON
  :reset           a fresh engine (same seed and Docker version)
  :save FILE       write this session as a transcript
  :quit            leave (Ctrl-D too)`;

function parseArgs(argv: readonly string[]): Options {
	const options: Options = { seed: 1, docker: undefined, script: undefined };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const value = argv[i + 1];
		if (arg === '--seed' && value !== undefined) {
			options.seed = Number.parseInt(value, 10);
			if (!Number.isInteger(options.seed)) throw new Error(`--seed needs an integer, got ${value}`);
			i++;
		} else if (arg === '--docker' && (value === '20.10' || value === '29')) {
			options.docker = value;
			i++;
		} else if (arg === '--script' && value !== undefined) {
			options.script = value;
			i++;
		} else {
			throw new Error(`unknown or incomplete option ${arg ?? ''}: use --seed N, --docker 20.10|29, --script FILE`);
		}
	}
	return options;
}

/** The header a simulator-made transcript carries (see tests/conformance/transcripts/engine/). */
function simulatorHeader(options: { seed: number; docker: DockerVersion }, source: Partial<Pick<Transcript, 'title' | 'images' | 'tags'>>): [string, string][] {
	const header: [string, string][] = [['title', source.title ?? 'lab session']];
	if (source.images !== undefined && source.images.length > 0) header.push(['images', source.images.join(', ')]);
	if (source.tags !== undefined && source.tags.length > 0) header.push(['tags', source.tags.join(', ')]);
	header.push(['recorded', `simulator (createEngine seed ${options.seed}, dockerVersion ${options.docker})`]);
	return header;
}

/** A transcript's steps, or the lines of a plain command list as steps with nothing expected. */
function scriptSteps(text: string): { transcript: Transcript | undefined; steps: readonly TranscriptStep[] } {
	if (/^\$ /m.test(text)) {
		const transcript = parseTranscript(text);
		return { transcript, steps: transcript.steps };
	}
	const steps = text
		.split('\n')
		.map((line, index) => ({ line: line.trim(), number: index + 1 }))
		.filter(({ line }) => line !== '' && !line.startsWith('#'))
		.map(({ line, number }) => ({ command: line, stdout: [], stderr: [], exitCode: 0, line: number }));
	return { transcript: undefined, steps };
}

function replay(options: Options, text: string, source: string): number {
	const { transcript, steps } = scriptSteps(text);
	const docker = options.docker ?? (transcript === undefined ? undefined : recordedDockerVersion(transcript)) ?? '29';
	const engine = createEngine({ seed: options.seed, dockerVersion: docker });
	const done: TranscriptStep[] = [];
	let differences = 0;
	for (const step of steps) {
		const output: StepOutput = engine.exec(step.command);
		done.push(stepFromOutput(step.command, output, step.line));
		if (transcript === undefined) continue;
		const comparison = compareStep(step, output, { strictStderr: transcript.strictStderr });
		if (!comparison.ok) {
			differences++;
			console.error(`${source}:${step.line}: $ ${step.command}\n${comparison.problems.map((p) => `  ${p.replace(/\n/g, '\n  ')}`).join('\n')}`);
		}
	}
	process.stdout.write(formatTranscript(simulatorHeader({ seed: options.seed, docker }, transcript ?? { title: `replay of ${source}` }), done));
	if (transcript !== undefined) console.error(differences === 0 ? `${steps.length} steps, all as in ${source}` : `${differences} of ${steps.length} steps differ from ${source}`);
	return differences === 0 ? 0 : 1;
}

function interactive({ seed, docker = '29' }: Options): Promise<number> {
	const options = { seed, docker };
	let engine = createEngine({ seed: options.seed, dockerVersion: options.docker });
	let session: TranscriptStep[] = [];
	const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '$ ', terminal: true });
	console.log(`Mountpoint lab — simulated Docker ${options.docker}, seed ${options.seed}. :help for help, Ctrl-D to leave.`);
	rl.prompt();
	rl.on('line', (line) => {
		const command = line.trim();
		if (command === ':quit' || command === ':q' || command === 'exit') {
			rl.close();
			return;
		}
		if (command === ':help') console.log(HELP);
		else if (command === ':snapshot') console.log(JSON.stringify(engine.snapshot(), null, 2));
		else if (command === ':reset') {
			engine = createEngine({ seed: options.seed, dockerVersion: options.docker });
			session = [];
			console.log('(fresh engine)');
		} else if (command.startsWith(':save ')) {
			const file = command.slice(':save '.length).trim();
			writeFileSync(file, formatTranscript(simulatorHeader(options, {}), session));
			console.log(`(${session.length} commands written to ${file})`);
		} else if (command.startsWith(':')) console.log(`unknown lab command ${command}; :help lists them`);
		else if (command !== '') {
			const output = engine.exec(line);
			session.push(stepFromOutput(line, output));
			process.stdout.write(output.stdout);
			process.stderr.write(output.stderr);
			if (output.exitCode !== 0) console.log(`[exit ${output.exitCode}]`);
		}
		rl.prompt();
	});
	return new Promise((resolve) => rl.on('close', () => resolve(0)));
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	if (options.script !== undefined) return replay(options, readFileSync(options.script, 'utf8'), options.script);
	if (!process.stdin.isTTY) return replay(options, readFileSync(0, 'utf8'), 'stdin');
	return interactive(options);
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(2);
	},
);
