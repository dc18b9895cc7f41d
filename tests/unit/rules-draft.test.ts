import { describe, expect, it } from 'vitest';
import { createEngine, execute, initialState, type EngineState } from '../../src/rules/index.ts';
import { Draft } from '../../src/rules/model/world.ts';

function withVolumes(names: readonly string[]): EngineState {
	let state = initialState();
	for (const name of names) state = execute(state, `docker volume create ${name}`).state;
	return state;
}

describe('drafts (copy-on-write, or in place with an undo log)', () => {
	it('leave a shared base untouched', () => {
		const base = withVolumes(['va', 'vb', 'vc']);
		const before = JSON.stringify(base);
		const draft = new Draft(base);
		draft.deleteVolume('vb');
		draft.putVolume({ ...(base.volumes.va as NonNullable<(typeof base.volumes)['va']>), name: 'vd' });
		expect(Object.keys(draft.commit().volumes)).toEqual(['va', 'vc', 'vd']);
		expect(JSON.stringify(base)).toBe(before);
	});
	it('undo in-place changes on restore, a deleted key back at its place in the creation order', () => {
		const base = withVolumes(['va', 'vb', 'vc']);
		const before = JSON.stringify(base);
		const draft = new Draft(base, true);
		const mark = draft.mark();
		draft.deleteVolume('vb');
		draft.putVolume({ ...(base.volumes.va as NonNullable<(typeof base.volumes)['va']>), name: 'vd' });
		draft.deleteVolume('va');
		draft.setCwd('/');
		draft.restore(mark);
		expect(Object.keys(draft.volumes)).toEqual(['va', 'vb', 'vc']);
		expect(draft.commit()).toBe(base);
		expect(JSON.stringify(base)).toBe(before);
	});
	it('restore only to the mark: earlier changes stay', () => {
		const draft = new Draft(withVolumes(['va', 'vb']), true);
		draft.deleteVolume('va');
		const mark = draft.mark();
		draft.deleteVolume('vb');
		draft.restore(mark);
		expect(Object.keys(draft.commit().volumes)).toEqual(['vb']);
	});
});

describe('an engine updates its own state in place', () => {
	const script = [
		'mkdir -p /tmp/lab/h',
		'docker volume create keep',
		'docker run -d --name a -v keep:/data -v /cache busybox sleep 600',
		'docker run --rm -v /tmp/lab/h:/h -v /x busybox sh -c "echo hi > /h/f"',
		'docker volume rm keep',
		'docker rm -f -v a nope',
		'docker volume create v2 && docker volume rm v2 keep',
		'docker run --name b --volumes-from nope busybox true',
		'docker commit nope',
		'docker volume prune -a -f',
	];
	it('with the same outputs and states as the pure form', () => {
		const engine = createEngine();
		let state = initialState();
		for (const line of script) {
			const pure = execute(state, line);
			state = pure.state;
			expect(engine.exec(line)).toEqual(pure.result);
		}
		expect(JSON.stringify(engine.snapshot())).toBe(JSON.stringify(state));
	});
	it('and never changes a snapshot it has handed out', () => {
		const engine = createEngine();
		const taken: Array<[EngineState, string]> = [];
		for (const line of script) {
			engine.exec(line);
			const snapshot = engine.snapshot();
			taken.push([snapshot, JSON.stringify(snapshot)]);
		}
		for (const [snapshot, json] of taken) expect(JSON.stringify(snapshot)).toBe(json);
	});
});
