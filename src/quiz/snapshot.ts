/**
 * The engine's snapshot as quizzes and lab goals read it: its types, and a read-only path lookup
 * (a container's merged view, a volume, or the host) — the engine's own `readPath`, so that a goal
 * sees exactly what `ls` in the engine would.
 */
export type { Container, ContainerStatus, EngineSnapshot, Mount, MountType, PathContent, PathPlace } from '../rules/core.ts';
export { readPath } from '../rules/core.ts';
