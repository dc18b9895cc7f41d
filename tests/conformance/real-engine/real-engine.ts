/**
 * Drives the private real dockerd that scripts/real-engine/test-docker.sh started.
 *
 * Every transcript command runs in a real bash (docker commands too, so quoting is the shell's own),
 * with the chosen docker CLI first on PATH and DOCKER_HOST pointing at the private daemon. The
 * working directory is carried from one command to the next, so `cd` works as at a prompt.
 *
 * The daemon is reached directly over its unix socket for the bookkeeping that must not show up in a
 * transcript: resetting state between scenarios and waiting for `--rm` auto-removal.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, readdirSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ExecResult {
	exitCode: number;
	stdout: string;
	stderr: string;
}

/** The host area of every scenario (TRANSCRIPT-FORMAT.md: host paths live under /tmp/lab/). */
export const LAB_DIR = '/tmp/lab';

/** Images the transcripts may name; everything else is removed between scenarios. */
export const BASE_IMAGES = ['busybox:latest', 'volume-demo:latest', 'web-demo:latest'] as const;

const COMMAND_TIMEOUT_MS = 120_000;
const AUTO_REMOVE_WAIT_MS = 20_000;

interface ApiResponse {
	status: number;
	body: string;
}

export interface EngineVersion {
	server: string;
	api: string;
	client: string;
	cliPath: string;
}

export class RealEngine {
	readonly #socket: string;
	readonly #cli: string;
	readonly #env: NodeJS.ProcessEnv;
	readonly #cwdFile: string;
	#cwd: string = LAB_DIR;

	constructor(options: { dockerHost: string; cliPath: string }) {
		if (!options.dockerHost.startsWith('unix://')) throw new Error(`DOCKER_HOST must be a unix socket, got ${options.dockerHost}`);
		this.#socket = options.dockerHost.slice('unix://'.length);
		this.#cli = options.cliPath;
		this.#cwdFile = join(mkdtempSync(join(tmpdir(), 'mp-cwd-')), 'cwd');
		// Commands run in LAB_DIR, the first one (`version()`) before any `reset()`: on a fresh machine it does not exist yet.
		mkdirSync(LAB_DIR, { recursive: true });
		this.#env = {
			...process.env,
			PATH: `${dirname(options.cliPath)}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
			DOCKER_HOST: options.dockerHost,
			// No buildx on these machines: `docker build` in a transcript means the legacy builder.
			DOCKER_BUILDKIT: '0',
			LC_ALL: 'C.UTF-8',
			LANG: 'C.UTF-8',
			// Plain CLI output: no colours, no "What's next" hints.
			NO_COLOR: '1',
			DOCKER_CLI_HINTS: 'false',
		};
	}

	/** The version line for a transcript's `# recorded:` header. */
	async version(): Promise<EngineVersion> {
		const server = JSON.parse((await this.#api('GET', '/version')).body) as { Version: string; ApiVersion: string };
		const client = await this.#run(`'${this.#cli}' version -f '{{.Client.Version}}'`);
		return { server: server.Version, api: server.ApiVersion, client: client.stdout.trim(), cliPath: this.#cli };
	}

	/** Fresh state for a scenario: no containers, no volumes, only the base images, an empty /tmp/lab. */
	async reset(): Promise<void> {
		const containers = JSON.parse((await this.#api('GET', '/containers/json?all=1')).body) as { Id: string }[];
		for (const c of containers) await this.#api('DELETE', `/containers/${c.Id}?force=1&v=1`);
		const volumes = JSON.parse((await this.#api('GET', '/volumes')).body) as { Volumes: { Name: string }[] | null };
		for (const v of volumes.Volumes ?? []) await this.#api('DELETE', `/volumes/${encodeURIComponent(v.Name)}?force=1`);
		const images = JSON.parse((await this.#api('GET', '/images/json')).body) as { Id: string; RepoTags: string[] | null }[];
		const keep = new Set<string>(BASE_IMAGES);
		for (const image of images) {
			const tags = image.RepoTags ?? [];
			if (tags.some((t) => keep.has(t))) {
				// A base image that also got an extra tag in the scenario: drop only the extra tags.
				for (const t of tags) if (!keep.has(t)) await this.#api('DELETE', `/images/${encodeURIComponent(t)}?noprune=1`);
			} else {
				await this.#api('DELETE', `/images/${image.Id}?force=1`);
			}
		}
		rmSync(LAB_DIR, { recursive: true, force: true });
		mkdirSync(LAB_DIR, { recursive: true });
		this.#cwd = LAB_DIR;
		const left = readdirSync(LAB_DIR);
		if (left.length > 0) throw new Error(`${LAB_DIR} is not empty after reset: ${left.join(', ')}`);
	}

	/** Runs one transcript command line in a real shell; waits for `--rm` auto-removal after docker commands. */
	async exec(commandLine: string): Promise<ExecResult> {
		const result = await this.#run(
			'cd "$MP_CWD" 2>/dev/null; eval "$MP_CMD"; __mp_rc=$?; printf %s "$PWD" > "$MP_CWD_FILE"; exit $__mp_rc',
			{ MP_CMD: commandLine, MP_CWD: this.#cwd, MP_CWD_FILE: this.#cwdFile },
		);
		try {
			this.#cwd = readFileSync(this.#cwdFile, 'utf8') || this.#cwd;
		} catch {
			// the command ended the shell (`exit`): keep the old directory
		}
		if (/\bdocker\b/.test(commandLine)) await this.settleAutoRemove();
		return result;
	}

	/**
	 * Waits until no stopped `--rm` container is left: after `docker stop`/`kill` of such a container
	 * the daemon removes it (and its anonymous volumes) asynchronously, which a following `docker ps`
	 * or `docker volume ls` would otherwise race (transcripts/README.md, hazards).
	 */
	async settleAutoRemove(): Promise<void> {
		const deadline = Date.now() + AUTO_REMOVE_WAIT_MS;
		const filters = encodeURIComponent(JSON.stringify({ status: ['exited', 'dead', 'removing'] }));
		for (;;) {
			const stopped = JSON.parse((await this.#api('GET', `/containers/json?all=1&filters=${filters}`)).body) as { Id: string }[];
			let pending = 0;
			for (const c of stopped) {
				const r = await this.#api('GET', `/containers/${c.Id}/json`);
				if (r.status !== 200) continue; // removed meanwhile
				const info = JSON.parse(r.body) as { HostConfig?: { AutoRemove?: boolean } };
				if (info.HostConfig?.AutoRemove === true) pending++;
			}
			if (pending === 0) return;
			if (Date.now() > deadline) throw new Error(`${pending} --rm container(s) still not removed after ${AUTO_REMOVE_WAIT_MS} ms`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}

	#run(script: string, extraEnv: Record<string, string> = {}): Promise<ExecResult> {
		return new Promise((resolve, reject) => {
			const child = spawn('bash', ['-c', script], {
				cwd: LAB_DIR,
				env: { ...this.#env, ...extraEnv },
				stdio: ['ignore', 'pipe', 'pipe'],
				timeout: COMMAND_TIMEOUT_MS,
			});
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			child.stdout.on('data', (b: Buffer) => out.push(b));
			child.stderr.on('data', (b: Buffer) => err.push(b));
			child.on('error', reject);
			child.on('close', (code, signal) => {
				resolve({
					exitCode: code ?? (signal ? 128 + 9 : 255),
					stdout: Buffer.concat(out).toString('utf8'),
					stderr: Buffer.concat(err).toString('utf8'),
				});
			});
		});
	}

	#api(method: string, path: string): Promise<ApiResponse> {
		return new Promise((resolve, reject) => {
			const req = request({ socketPath: this.#socket, method, path, headers: { Host: 'docker' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (b: Buffer) => chunks.push(b));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			});
			req.on('error', reject);
			req.end();
		});
	}
}
