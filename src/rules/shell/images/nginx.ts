/**
 * The `nginx` extension (see ../../extensions.ts): the `nginx` image's files (its config and default
 * pages) and its program.
 */
import { treeFrom } from '../../model/fs.ts';
import type { Program } from '../shell.ts';
import { service, teachingImage } from '../services.ts';

const nginx: Program = (proc, argv, io) => {
	if (argv.includes('-v')) {
		io.err.push('nginx version: nginx/1.27.5\n');
		return 0;
	}
	return service(io, proc, '/docker-entrypoint.sh: Configuration complete; ready for start up\n');
};

export const EXTENSION = teachingImage(
	'nginx',
	{ nginx },
	treeFrom({
		'docker-entrypoint.sh': '#!/bin/sh\nexec "$@"\n',
		'etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n',
		'etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    root   /usr/share/nginx/html;\n}\n',
		'usr/sbin/nginx': '',
		'usr/share/nginx/html/index.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n</body>\n</html>\n',
		'usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
		'var/log/nginx/': null,
		'var/cache/nginx/': null,
	}),
);
