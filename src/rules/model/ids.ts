/** Seeded ids and names, from the generator in random.ts (its state lives in the engine state, so drafts roll back with it). */
import { nextRandom } from './random.ts';

/** 64 hex digits from the generator. */
export function nextHex64(state: number): { value: string; state: number } {
	let out = '';
	let current = state;
	for (let i = 0; i < 8; i++) {
		const step = nextRandom(current);
		current = step.state;
		out += step.value.toString(16).padStart(8, '0');
	}
	return { value: out, state: current };
}

/** A stable 64-hex digest of a text (for the built-in catalogue's ids; not cryptographic). */
export function stableHex64(text: string): string {
	let out = '';
	for (let round = 0; round < 8; round++) {
		let h = 0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b1);
		for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
		out += nextRandom(h).value.toString(16).padStart(8, '0');
	}
	return out;
}

const ADJECTIVES = ['admiring', 'brave', 'clever', 'dreamy', 'eager', 'festive', 'gallant', 'happy', 'jolly', 'keen', 'loving', 'modest', 'nifty', 'quirky', 'relaxed', 'serene', 'tender', 'upbeat', 'vibrant', 'zealous'] as const;
const SURNAMES = ['albattani', 'bohr', 'curie', 'darwin', 'euler', 'fermi', 'goldberg', 'hopper', 'johnson', 'kare', 'lovelace', 'meitner', 'noether', 'pascal', 'ritchie', 'shannon', 'turing', 'villani', 'wozniak', 'yalow'] as const;

/** A docker-style random container name (`adjective_surname`). */
export function nameFrom(value: number): string {
	return `${ADJECTIVES[value % ADJECTIVES.length]}_${SURNAMES[Math.floor(value / 32) % SURNAMES.length]}`;
}
