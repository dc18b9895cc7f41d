/**
 * Model-based test: random container/volume lifecycles run against the engine and against a small
 * independent model of Docker's rules (named volumes live until `volume rm`; anonymous volumes are
 * reference-counted by the containers that mount them and removed by the last `rm -v`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/rules/index.ts';

type VolumeRef = { readonly kind: 'anon'; readonly id: number } | { readonly kind: 'named'; readonly name: string };
interface ModelContainer {
	running: boolean;
	readonly sleeper: boolean;
	readonly mounts: Map<string, VolumeRef>;
}
interface Model {
	readonly containers: Map<string, ModelContainer>;
	readonly named: Set<string>;
	/** Anonymous volumes that exist (users or not). */
	readonly anon: Set<number>;
	nextAnon: number;
}
interface Real {
	readonly engine: Engine;
}

function users(model: Model, ref: VolumeRef): string[] {
	return [...model.containers].filter(([, c]) => [...c.mounts.values()].some((m) => (m.kind === ref.kind && (m.kind === 'anon' ? m.id === (ref as { id: number }).id : m.name === (ref as { name: string }).name)))).map(([name]) => name);
}

function expectSameWorld(model: Model, real: Real): void {
	const volumes = real.engine.exec('docker volume ls -q').stdout.split('\n').filter((line) => line !== '');
	const hex = volumes.filter((name) => /^[0-9a-f]{64}$/.test(name));
	expect(volumes.filter((name) => !hex.includes(name)).sort()).toEqual([...model.named].sort());
	expect(hex.length).toBe(model.anon.size);
	const listed = real.engine.exec("docker ps -a --format '{{.Names}} {{.State}}'").stdout.split('\n').filter((line) => line !== '').sort();
	expect(listed).toEqual([...model.containers].map(([name, c]) => `${name} ${c.running ? 'running' : 'exited'}`).sort());
}

class Run implements fc.Command<Model, Real> {
	constructor(readonly name: string, readonly anon: boolean, readonly named: string | undefined, readonly from: string | undefined, readonly sleeper: boolean) {}
	check(model: Readonly<Model>): boolean {
		return !model.containers.has(this.name) && (this.from === undefined || model.containers.has(this.from));
	}
	run(model: Model, real: Real): void {
		const flags = [this.from === undefined ? '' : `--volumes-from ${this.from}`, this.anon ? '-v /anon' : '', this.named === undefined ? '' : `-v ${this.named}:/named`].join(' ');
		const result = real.engine.exec(`docker run ${this.sleeper ? '-d ' : ''}--name ${this.name} ${flags} busybox ${this.sleeper ? 'sleep 600' : 'true'}`);
		expect(result.exitCode).toBe(0);
		const mounts = new Map<string, VolumeRef>(this.from === undefined ? [] : (model.containers.get(this.from) as ModelContainer).mounts);
		if (this.named !== undefined) {
			mounts.set('/named', { kind: 'named', name: this.named });
			model.named.add(this.named);
		}
		if (this.anon && !mounts.has('/anon')) {
			mounts.set('/anon', { kind: 'anon', id: model.nextAnon });
			model.anon.add(model.nextAnon++);
		}
		model.containers.set(this.name, { running: this.sleeper, sleeper: this.sleeper, mounts });
		expectSameWorld(model, real);
	}
	toString(): string {
		return `run ${this.name} anon=${this.anon} named=${this.named} from=${this.from} sleeper=${this.sleeper}`;
	}
}

class Rm implements fc.Command<Model, Real> {
	constructor(readonly name: string, readonly volumes: boolean, readonly force: boolean) {}
	check(model: Readonly<Model>): boolean {
		return model.containers.has(this.name);
	}
	run(model: Model, real: Real): void {
		const container = model.containers.get(this.name) as ModelContainer;
		const result = real.engine.exec(`docker rm ${this.force ? '-f ' : ''}${this.volumes ? '-v ' : ''}${this.name}`);
		if (container.running && !this.force) {
			expect(result.exitCode).toBe(1);
		} else {
			expect(result.exitCode).toBe(0);
			model.containers.delete(this.name);
			if (this.volumes) for (const ref of container.mounts.values()) if (ref.kind === 'anon' && users(model, ref).length === 0) model.anon.delete(ref.id);
		}
		expectSameWorld(model, real);
	}
	toString(): string {
		return `rm ${this.name} -v=${this.volumes} -f=${this.force}`;
	}
}

class StopStart implements fc.Command<Model, Real> {
	constructor(readonly name: string, readonly start: boolean) {}
	check(model: Readonly<Model>): boolean {
		return model.containers.has(this.name);
	}
	run(model: Model, real: Real): void {
		const container = model.containers.get(this.name) as ModelContainer;
		expect(real.engine.exec(`docker ${this.start ? 'start' : 'stop'} ${this.name}`).exitCode).toBe(0);
		container.running = this.start ? container.sleeper : false;
		expectSameWorld(model, real);
	}
	toString(): string {
		return `${this.start ? 'start' : 'stop'} ${this.name}`;
	}
}

class VolumeCreate implements fc.Command<Model, Real> {
	constructor(readonly name: string) {}
	check(): boolean {
		return true;
	}
	run(model: Model, real: Real): void {
		expect(real.engine.exec(`docker volume create ${this.name}`).stdout).toBe(`${this.name}\n`);
		model.named.add(this.name);
		expectSameWorld(model, real);
	}
	toString(): string {
		return `volume create ${this.name}`;
	}
}

class VolumeRm implements fc.Command<Model, Real> {
	constructor(readonly name: string) {}
	check(): boolean {
		return true;
	}
	run(model: Model, real: Real): void {
		const result = real.engine.exec(`docker volume rm ${this.name}`);
		const removable = model.named.has(this.name) && users(model, { kind: 'named', name: this.name }).length === 0;
		expect(result.exitCode).toBe(removable ? 0 : 1);
		if (removable) model.named.delete(this.name);
		expectSameWorld(model, real);
	}
	toString(): string {
		return `volume rm ${this.name}`;
	}
}

const containerName = fc.constantFrom('c1', 'c2', 'c3', 'c4');
const volumeName = fc.constantFrom('v1', 'v2');
const commands = [
	fc.tuple(containerName, fc.boolean(), fc.option(volumeName, { nil: undefined }), fc.option(containerName, { nil: undefined }), fc.boolean()).map(([name, anon, named, from, sleeper]) => new Run(name, anon, named, from === name ? undefined : from, sleeper)),
	fc.tuple(containerName, fc.boolean(), fc.boolean()).map(([name, volumes, force]) => new Rm(name, volumes, force)),
	fc.tuple(containerName, fc.boolean()).map(([name, start]) => new StopStart(name, start)),
	volumeName.map((name) => new VolumeCreate(name)),
	volumeName.map((name) => new VolumeRm(name)),
];

describe('model-based lifecycle', () => {
	it.each(['29', '20.10'] as const)('matches a reference model of containers, named volumes and anonymous refcounts (docker %s)', (dockerVersion) => {
		fc.assert(
			fc.property(fc.commands(commands, { maxCommands: 60, size: 'large' }), (cmds) => {
				const model: Model = { containers: new Map(), named: new Set(), anon: new Set(), nextAnon: 0 };
				fc.modelRun(() => ({ model, real: { engine: createEngine({ dockerVersion }) } }), cmds);
			}),
			{ seed: 4242, numRuns: 120 },
		);
	});
});
