/**
 * The `services` extension (see ../extensions.ts): the teaching images' own files (nginx, postgres,
 * mysql, node; their names, configs and VOLUMEs are in model/images.ts) and their programs with
 * `docker-entrypoint.sh`, loaded by the browser only when a container of one of them is made.
 */
import { dictFrom, dir, pathSegments, treeFrom, type DirNode } from '../model/fs.ts';
import { listAt, mkdirAt, readAt, writeAt } from '../model/world.ts';
import type { Extension } from '../extensions.ts';
import { BLOCKED, type Io, type Proc, type Program } from './shell.ts';

function isEmptyAt(proc: Proc, path: string): boolean {
	const entries = listAt(proc.draft, proc.view, pathSegments(path));
	return typeof entries === 'string' || entries.length === 0;
}

function writeFiles(proc: Proc, root: string, files: Readonly<Record<string, string | null>>): void {
	for (const [name, content] of Object.entries(files)) {
		const segs = pathSegments(name, root);
		if (content === null) mkdirAt(proc.draft, proc.view, segs, { mode: 0o700, uid: 999, gid: 999 });
		else writeAt(proc.draft, proc.view, segs, content);
	}
}

function service(io: Io, proc: Proc, lines: string): number {
	io.out.push(lines);
	proc.stopsOnTerm = true;
	return proc.main ? BLOCKED : 0;
}

const nginx: Program = (proc, argv, io) => {
	if (argv.includes('-v')) {
		io.err.push('nginx version: nginx/1.27.5\n');
		return 0;
	}
	return service(io, proc, '/docker-entrypoint.sh: Configuration complete; ready for start up\n');
};

const postgres: Program = (proc, _argv, io) => {
	const data = proc.env.get('PGDATA') ?? '/var/lib/postgresql/data';
	if (isEmptyAt(proc, data)) {
		if ((proc.env.get('POSTGRES_PASSWORD') ?? '') === '' && proc.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
			io.err.push(
				'Error: Database is uninitialized and superuser password is not specified.\n       You must specify POSTGRES_PASSWORD to a non-empty value for the\n       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".\n',
			);
			return 1;
		}
		writeFiles(proc, data, { PG_VERSION: '17\n', 'postgresql.conf': "listen_addresses = '*'\n", 'pg_hba.conf': 'host all all all scram-sha-256\n', base: null, global: null, pg_wal: null });
		io.out.push('PostgreSQL init process complete; ready for start up.\n\n');
	} else io.out.push('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
	return service(io, proc, 'LOG:  database system is ready to accept connections\n');
};

const mysqld: Program = (proc, _argv, io) => {
	const data = '/var/lib/mysql';
	if (isEmptyAt(proc, data)) {
		const ok = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((name) => (proc.env.get(name) ?? '') !== '');
		if (!ok) {
			io.err.push(
				'[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n',
			);
			return 1;
		}
		writeFiles(proc, data, { 'auto.cnf': '[auto]\n', ibdata1: '', mysql: null, sys: null });
		io.out.push('[Note] [Entrypoint]: MySQL init process done. Ready for start up.\n');
	}
	return service(io, proc, '[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections.\n');
};

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

/** `docker-entrypoint.sh ARGS`: the official images' entrypoints just run their command. */
const entrypoint: Program = (proc, argv, io) => {
	const rest = argv.slice(1);
	if (rest.length === 0) return 0;
	const next = proc.lookup(proc, rest[0] as string);
	if (typeof next === 'string') {
		io.err.push(`${argv[0]}: exec: ${rest[0]}: not found\n`);
		return 127;
	}
	return next(proc, rest, io);
};

// ---- the teaching images' files (each image's layer on top of the busybox base) -----------------

const ownedDir = (mode: number, uid: number): DirNode => dir(undefined, mode, uid, uid);

const LAYERS: Readonly<Record<string, DirNode>> = {
	nginx: treeFrom({
		'docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
		'etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n',
		'etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    root   /usr/share/nginx/html;\n}\n',
		'usr/sbin/nginx': '',
		'usr/share/nginx/html/index.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n',
		'usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
		'var/log/nginx/': null,
		'var/cache/nginx/': null,
	}),
	postgres: treeFrom(
		{
			'usr/local/bin/docker-entrypoint.sh': '#!/usr/bin/env bash\n# initialises PGDATA when it is empty, then runs postgres\n',
			'usr/lib/postgresql/17/bin/postgres': '',
			'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999::/var/lib/postgresql:/bin/bash\n',
		},
		dir(dictFrom([['var', dir(dictFrom([['lib', dir(dictFrom([['postgresql', dir(dictFrom([['data', ownedDir(0o1777, 999)]]), 0o755, 999, 999)]]))]]))]])),
	),
	mysql: treeFrom(
		{
			'usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\n# initialises /var/lib/mysql when it is empty, then runs mysqld\n',
			'usr/sbin/mysqld': '',
			'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nmysql:x:999:999::/var/lib/mysql:/bin/bash\n',
		},
		dir(dictFrom([['var', dir(dictFrom([['lib', dir(dictFrom([['mysql', ownedDir(0o755, 999)]]))]]))]])),
	),
	node: treeFrom({ 'usr/local/bin/docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n', 'usr/local/bin/node': '' }),
};

export const SERVICES_EXTENSION: Extension = { name: 'services', programs: { nginx, postgres, mysqld, node, 'docker-entrypoint.sh': entrypoint }, layers: LAYERS };
