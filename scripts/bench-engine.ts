/**
 * npm run bench — how fast and how small the rules engine is (issue 3, "Verification").
 *
 *   throughput  commands/second over a 10,000-step random *valid* script (seeded, realistic commands)
 *   latency     p50 / p99 of one `exec` over a 200-step scenario, replayed on fresh engines
 *   bundle      src/rules/index.ts bundled for the browser with esbuild, minified, gzipped
 *
 * Prints a markdown table with each target and whether it is met. It reports; it never fails on a
 * time (tests do not assert wall-clock time). Options: --seed N (default 1), --steps N (default 10000).
 */
import { build } from 'esbuild';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../src/rules/index.ts';

const TARGET_COMMANDS_PER_SECOND = 50_000;
const TARGET_P99_MS = 0.5;
const TARGET_BUNDLE_GZIP_BYTES = 25 * 1024;
const ENGINE_VERSION = '29';

/** mulberry32: small, seedable, good enough to pick commands. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface ContainerModel {
	running: boolean;
	named: string[];
}

/**
 * Produces commands a user of the lab would type, each valid in the state the earlier ones leave
 * (a tiny model tracks containers, named volumes and host dirs), so the bench measures the engine's
 * normal path rather than its error path.
 */
class ScriptGenerator {
	readonly #next: () => number;
	readonly #containers = new Map<string, ContainerModel>();
	readonly #volumes = new Set<string>();
	readonly #hostDirs = new Set<string>();
	#serial = 0;

	constructor(seed: number) {
		this.#next = random(seed);
	}

	#pick<T>(items: readonly T[]): T {
		const item = items[Math.floor(this.#next() * items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	#names(filter: (c: ContainerModel) => boolean): string[] {
		return [...this.#containers].filter(([, c]) => filter(c)).map(([name]) => name);
	}

	#unusedVolumes(): string[] {
		const used = new Set([...this.#containers.values()].flatMap((c) => c.named));
		return [...this.#volumes].filter((v) => !used.has(v));
	}

	next(): string {
		const running = this.#names((c) => c.running);
		const stopped = this.#names((c) => !c.running);
		const all = [...running, ...stopped];
		const options: (() => string | undefined)[] = [
			() => (this.#containers.size < 12 ? this.#run() : undefined),
			() => this.#oneShot(),
			() => (running.length > 0 ? `docker exec ${this.#pick(running)} sh -c 'echo step${this.#serial++} >> /tmp/log.txt'` : undefined),
			() => (running.length > 0 ? `docker exec ${this.#pick(running)} ls /tmp` : undefined),
			() => {
				if (running.length === 0) return undefined;
				const name = this.#pick(running);
				(this.#containers.get(name) as ContainerModel).running = false;
				return `docker stop -t 1 ${name}`;
			},
			() => {
				if (stopped.length === 0) return undefined;
				const name = this.#pick(stopped);
				(this.#containers.get(name) as ContainerModel).running = true;
				return `docker start ${name}`;
			},
			() => (running.length > 0 ? `docker restart -t 1 ${this.#pick(running)}` : undefined),
			() => {
				if (all.length === 0) return undefined;
				const name = this.#pick(all);
				this.#containers.delete(name);
				return `docker rm -f -v ${name}`;
			},
			() => {
				const name = `vol${this.#serial++}`;
				this.#volumes.add(name);
				return `docker volume create ${name}`;
			},
			() => {
				const unused = this.#unusedVolumes();
				if (unused.length === 0) return undefined;
				const name = this.#pick(unused);
				this.#volumes.delete(name);
				return `docker volume rm ${name}`;
			},
			() => this.#pick(['docker ps', 'docker ps -a', 'docker ps -a -q', "docker ps -a --format '{{.Names}} {{.State}}'"]),
			() => this.#pick(['docker volume ls', 'docker volume ls -q', 'docker volume ls -q --filter dangling=true']),
			() => (all.length > 0 ? `docker inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}} {{end}}' ${this.#pick(all)}` : undefined),
			() => (all.length > 0 ? `docker diff ${this.#pick(all)}` : undefined),
			() => (all.length > 0 ? `docker logs ${this.#pick(all)}` : undefined),
			() => (this.#volumes.size > 0 ? `docker volume inspect -f '{{.Name}} {{.Driver}}' ${this.#pick([...this.#volumes])}` : undefined),
			() => {
				const dir = `/tmp/lab/d${Math.floor(this.#next() * 6)}`;
				this.#hostDirs.add(dir);
				return `mkdir -p ${dir}`;
			},
			() => (this.#hostDirs.size > 0 ? `echo note${this.#serial++} > ${this.#pick([...this.#hostDirs])}/note.txt` : undefined),
			() => (this.#hostDirs.size > 0 ? `ls /tmp/lab` : undefined),
		];
		for (;;) {
			const command = this.#pick(options)();
			if (command !== undefined) return command;
		}
	}

	#mounts(): { flags: string[]; named: string[] } {
		const flags: string[] = [];
		const named: string[] = [];
		if (this.#next() < 0.6) {
			const name = this.#volumes.size > 0 && this.#next() < 0.7 ? this.#pick([...this.#volumes]) : `vol${this.#serial++}`;
			this.#volumes.add(name);
			named.push(name);
			flags.push(`-v ${name}:/data`);
		}
		if (this.#next() < 0.3) flags.push('-v /cache');
		if (this.#next() < 0.2 && this.#hostDirs.size > 0) flags.push(`-v ${this.#pick([...this.#hostDirs])}:/src:ro`);
		if (this.#next() < 0.1) flags.push('--tmpfs /scratch');
		return { flags, named };
	}

	#run(): string {
		const name = `c${this.#serial++}`;
		const image = this.#pick(['busybox', 'busybox', 'volume-demo', 'web-demo']);
		const { flags, named } = this.#mounts();
		this.#containers.set(name, { running: true, named });
		return ['docker run -d --name', name, ...flags, image, 'sleep 600'].join(' ');
	}

	#oneShot(): string {
		const { flags, named } = this.#mounts();
		for (const n of named) this.#volumes.add(n);
		const command = named.length > 0 ? "sh -c 'echo hello >> /data/log.txt && cat /data/log.txt'" : 'ls /';
		return ['docker run --rm', ...flags, 'busybox', command].join(' ');
	}
}

export function generateScript(seed: number, steps: number): string[] {
	const generator = new ScriptGenerator(seed);
	return Array.from({ length: steps }, () => generator.next());
}

function percentile(sorted: readonly number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? Number.NaN;
}

interface Throughput {
	/** Commands per wall-clock second (median of three passes). */
	perSecond: number;
	/** Commands per second of this process's CPU time: what an idle machine would give when others load this one. */
	perCpuSecond: number;
	failures: { command: string; stderr: string }[];
	/** Milliseconds spent per kind of command (`docker volume`, `docker run`, `mkdir` …) in the warm-up pass. */
	byKind: Map<string, { ms: number; count: number }>;
}

/** `docker volume ls -q` → `docker volume`, `mkdir -p /x` → `mkdir`: where the time goes. */
function commandKind(command: string): string {
	const words = command.split(' ');
	return words[0] === 'docker' ? words.slice(0, 2).join(' ') : (words[0] ?? '');
}

function throughput(script: readonly string[], seed: number): Throughput {
	const failures: { command: string; stderr: string }[] = [];
	const byKind = new Map<string, { ms: number; count: number }>();
	// One warm-up pass so the JIT has seen the engine's code paths, then the median of three.
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let pass = 0; pass < 4; pass++) {
		const engine = createEngine({ seed, dockerVersion: ENGINE_VERSION });
		const started = performance.now();
		const startedCpu = process.cpuUsage();
		for (const command of script) {
			if (pass > 0) {
				engine.exec(command);
				continue;
			}
			const before = performance.now();
			const result = engine.exec(command);
			const kind = byKind.get(commandKind(command)) ?? { ms: 0, count: 0 };
			byKind.set(commandKind(command), { ms: kind.ms + performance.now() - before, count: kind.count + 1 });
			if (result.exitCode !== 0) failures.push({ command, stderr: result.stderr.trim() });
		}
		const seconds = (performance.now() - started) / 1000;
		const used = process.cpuUsage(startedCpu);
		if (pass > 0) {
			wall.push(script.length / seconds);
			cpu.push(script.length / ((used.user + used.system) / 1e6));
		}
	}
	const median = (values: number[]): number => values.sort((a, b) => a - b)[1] ?? Number.NaN;
	return { perSecond: median(wall), perCpuSecond: median(cpu), failures, byKind };
}

interface Latency {
	p50: number;
	p99: number;
	max: number;
	/** p99 of the CPU time each exec used (getrusage): what the wall-clock p99 would be without preemption by other load. */
	cpuP99: number;
}

function latency(script: readonly string[], seed: number, repetitions: number): Latency {
	const times: number[] = [];
	const cpuTimes: number[] = [];
	for (let rep = 0; rep < repetitions; rep++) {
		const engine = createEngine({ seed, dockerVersion: ENGINE_VERSION });
		for (const command of script) {
			const startedCpu = process.cpuUsage();
			const started = performance.now();
			engine.exec(command);
			const elapsed = performance.now() - started;
			const used = process.cpuUsage(startedCpu);
			if (rep === 0) continue; // repetition 0 warms up
			times.push(elapsed);
			cpuTimes.push((used.user + used.system) / 1000);
		}
	}
	times.sort((a, b) => a - b);
	cpuTimes.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? Number.NaN, cpuP99: percentile(cpuTimes, 99) };
}

async function bundleSize(): Promise<{ minified: number; gzip: number }> {
	const entry = fileURLToPath(new URL('../src/rules/index.ts', import.meta.url));
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		minify: true,
		format: 'esm',
		platform: 'browser',
		target: 'es2022',
		write: false,
		logLevel: 'silent',
	});
	const code = result.outputFiles.map((f) => f.contents).reduce((sum, c) => sum + c.byteLength, 0);
	const gzip = result.outputFiles.map((f) => gzipSync(f.contents, { level: 9 }).byteLength).reduce((a, b) => a + b, 0);
	return { minified: code, gzip };
}

function parseArgs(argv: readonly string[]): { seed: number; steps: number } {
	let seed = 1;
	let steps = 10_000;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--seed') seed = Number.parseInt(argv[++i] ?? '', 10) || 1;
		else if (argv[i] === '--steps') steps = Number.parseInt(argv[++i] ?? '', 10) || steps;
		else throw new Error(`unknown option ${argv[i] ?? ''} (use --seed N, --steps N)`);
	}
	return { seed, steps };
}

async function main(): Promise<void> {
	const { seed, steps } = parseArgs(process.argv.slice(2));
	const long = generateScript(seed, steps);
	const short = generateScript(seed + 1, 200);
	const run = throughput(long, seed);
	const lat = latency(short, seed, 51);
	const size = await bundleSize();
	const yes = (ok: boolean): string => (ok ? 'yes' : '**NO**');
	const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

	const load = loadavg()[0] ?? 0;
	console.log(`Rules engine bench — Node ${process.version}, seed ${seed}, dockerVersion '${ENGINE_VERSION}', ${availableParallelism()} CPUs, load average ${load.toFixed(1)}`);
	console.log('');
	console.log('| metric | value | target | met |');
	console.log('|---|---:|---|---|');
	console.log(`| throughput (${steps.toLocaleString('en')}-step random valid script) | ${Math.round(run.perSecond).toLocaleString('en')} cmd/s | ≥ ${TARGET_COMMANDS_PER_SECOND.toLocaleString('en')} cmd/s | ${yes(run.perSecond >= TARGET_COMMANDS_PER_SECOND)} |`);
	console.log(`| throughput per CPU-second (same script; unaffected by other load) | ${Math.round(run.perCpuSecond).toLocaleString('en')} cmd/s | — | — |`);
	console.log(`| exec latency p50 (200-step scenario × 50) | ${lat.p50.toFixed(4)} ms | — | — |`);
	console.log(`| exec latency p99 (200-step scenario × 50) | ${lat.p99.toFixed(4)} ms | < ${TARGET_P99_MS} ms | ${yes(lat.p99 < TARGET_P99_MS)} |`);
	console.log(`| exec CPU time p99 (same samples; unaffected by other load) | ${lat.cpuP99.toFixed(4)} ms | — | — |`);
	console.log(`| exec latency max | ${lat.max.toFixed(3)} ms | — | — |`);
	console.log(`| browser bundle (src/rules/index.ts, esbuild, min) | ${kb(size.minified)} | — | — |`);
	console.log(`| browser bundle min+gzip | ${kb(size.gzip)} | ≤ ${kb(TARGET_BUNDLE_GZIP_BYTES)} | ${yes(size.gzip <= TARGET_BUNDLE_GZIP_BYTES)} |`);
	console.log('');
	if (load > availableParallelism()) console.log(`Note: the machine was busy (load ${load.toFixed(1)} on ${availableParallelism()} CPUs): wall-clock numbers are pessimistic; see the per-CPU-second line.`);
	const kinds = [...run.byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
	console.log(`Where the time goes (warm-up pass of the ${steps.toLocaleString('en')}-step script): ${kinds.map(([k, v]) => `${k} ${v.ms.toFixed(0)} ms / ${v.count} (${((1000 * v.ms) / v.count).toFixed(0)} µs each)`).join('; ')}.`);
	const failed = run.failures.length;
	console.log(`Script validity: ${steps - failed} of ${steps} commands exited 0 on the engine.`);
	if (failed > 0) {
		console.log('The script is built to be valid, so each failure is the generator or the engine disagreeing with Docker. First ones:');
		for (const f of run.failures.slice(0, 10)) console.log(`  $ ${f.command}\n      ${f.stderr.split('\n')[0] ?? ''}`);
	}
}

// Importable (generateScript) without running the bench.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
		process.exit(1);
	});
}
