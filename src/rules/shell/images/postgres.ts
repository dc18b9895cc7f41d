/**
 * The `postgres` extension (see ../../extensions.ts): the `postgres` image's files and its server, which
 * initialises an empty PGDATA (and refuses to without a password).
 */
import { dictFrom, dir, treeFrom } from '../../model/fs.ts';
import type { Program } from '../shell.ts';
import { isEmptyAt, ownedDir, service, teachingImage, writeFiles } from '../services.ts';

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

export const EXTENSION = teachingImage(
	'postgres',
	{ postgres },
	treeFrom(
		{
			'usr/local/bin/docker-entrypoint.sh': '#!/usr/bin/env bash\n# initialises PGDATA when it is empty, then runs postgres\n',
			'usr/lib/postgresql/17/bin/postgres': '',
			'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\npostgres:x:999:999::/var/lib/postgresql:/bin/bash\n',
		},
		dir(dictFrom([['var', dir(dictFrom([['lib', dir(dictFrom([['postgresql', dir(dictFrom([['data', ownedDir(0o1777, 999)]]), 0o755, 999, 999)]]))]]))]])),
	),
);
