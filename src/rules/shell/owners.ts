/**
 * Owner names to ids, for `chown` (the `files` extension) and `tar` extracting (the `tar` extension):
 * a module of its own so that neither extension has to load the other.
 */
import { readAt } from '../model/world.ts';
import type { Proc } from './shell.ts';

/** The id of a user or group name (a number stands for itself), from the view's /etc/passwd or /etc/group. */
export function ownerId(proc: Proc, name: string, file: 'passwd' | 'group'): number | undefined {
	if (/^\d+$/.test(name)) return Number(name);
	const content = readAt(proc.draft, proc.view, ['etc', file]);
	if (typeof content !== 'string') return undefined;
	for (const line of content.split('\n')) {
		const [entry, , id] = line.split(':');
		if (entry === name) return Number(id);
	}
	return undefined;
}
