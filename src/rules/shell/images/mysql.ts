/**
 * The `mysql` extension (see ../../extensions.ts): the `mysql` image's files and `mysqld`, which initialises
 * an empty /var/lib/mysql (and refuses to without a password option).
 */
import { dictFrom, dir, treeFrom } from '../../model/fs.ts';
import type { Program } from '../shell.ts';
import { isEmptyAt, ownedDir, service, teachingImage, writeFiles } from '../services.ts';

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

export const EXTENSION = teachingImage(
	'mysql',
	{ mysqld },
	treeFrom(
		{
			'usr/local/bin/docker-entrypoint.sh': '#!/bin/bash\n# initialises /var/lib/mysql when it is empty, then runs mysqld\n',
			'usr/sbin/mysqld': '',
			'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nmysql:x:999:999::/var/lib/mysql:/bin/bash\n',
		},
		dir(dictFrom([['var', dir(dictFrom([['lib', dir(dictFrom([['mysql', ownedDir(0o755, 999)]]))]]))]])),
	),
);
