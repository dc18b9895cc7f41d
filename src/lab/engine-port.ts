/**
 * The slice of the rules engine the lab's pure logic depends on (types only). Sessions take an engine
 * factory, so tests pass `createEngine` and the browser bundle loads the engine only with the lab.
 */
import type { Engine, EngineOptions, EngineSnapshot } from '../rules/core.ts';

export type { DockerVersion, ExecResult, ExtensionName } from '../rules/core.ts';
export type Snapshot = EngineSnapshot;
export type LabEngine = Engine;
export type EngineFactory = (options: EngineOptions) => LabEngine;

/** Every lab session uses this seed, so a share link replays to the very same ids. */
export const LAB_SEED = 1;
