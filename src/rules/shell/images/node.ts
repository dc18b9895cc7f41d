/**
 * The `node` extension (see ../../extensions.ts): the `node` image's files and `node` (running a script is
 * not modelled: it exits cleanly).
 */
import { pathSegments, treeFrom } from '../../model/fs.ts';
import { readAt } from '../../model/world.ts';
import { BLOCKED, type Program } from '../shell.ts';
import { teachingImage } from '../services.ts';

const node: Program = (proc, argv, io) => {
	if (argv.length === 1) return proc.main && proc.interactive ? BLOCKED : 0;
	if (argv[1] === '--version' || argv[1] === '-v') {
		io.out.push('v22.15.0\n');
		return 0;
	}
	const script = argv[1] as string;
	if (!script.startsWith('-') && typeof readAt(proc.draft, proc.view, pathSegments(script, proc.cwd)) !== 'string') {
		io.err.push(`Error: Cannot find module '${pathSegments(script, proc.cwd).join('/').replace(/^/, '/')}'\n`);
		return 1;
	}
	// Running JavaScript is not modelled: the script "runs" and exits cleanly.
	return 0;
};

export const EXTENSION = teachingImage('node', { node }, treeFrom({ 'usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n', 'usr/local/bin/node': '' }));
