/**
 * Tab completion as the lab prompt loads it (on first focus): the completer and the lab's vocabulary
 * in one module, so the browser fetches one chunk for both.
 */
export { complete } from './completion.ts';
export { LAB_VOCABULARY } from './vocabulary.ts';
