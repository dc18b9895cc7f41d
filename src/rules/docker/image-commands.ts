/**
 * The `images` extension (see ../extensions.ts): `docker commit`, `images` and `rmi`, which the
 * browser loads only when a command line needs one of them. `docker build` is the `build`
 * extension (build.ts).
 */
import { dictValues } from '../model/fs.ts';
import type { EngineState, Image } from '../model/state.ts';
import { humanDuration, humanSize, naturalCompare } from '../cli/format.ts';
import type { Extension } from '../extensions.ts';
import { DAEMON, err, fail, flag, OK, out, renderRows, type Handler } from './cli.ts';
import { findContainer, isFailure, normalizeTag } from './daemon.ts';
import { commitContainer, removeImage } from './images.ts';
import { goTimeString } from './objects.ts';

const IMAGE_HEADERS: Readonly<Record<string, string>> = {
	ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', Size: 'SIZE', Containers: 'CONTAINERS',
};

function imageRows(state: EngineState, image: Image, trunc: boolean): Record<string, unknown>[] {
	const tags = image.repoTags.length === 0 ? ['<none>:<none>'] : image.repoTags;
	return tags.map((tag) => {
		const colon = tag.lastIndexOf(':');
		return {
			ID: trunc ? image.id.slice(7, 19) : image.id,
			Repository: tag.slice(0, colon),
			Tag: tag.slice(colon + 1),
			Digest: '<none>',
			CreatedSince: `${humanDuration(state.clock - image.created)} ago`,
			CreatedAt: goTimeString(image.created),
			Size: humanSize(image.size),
			Containers: 'N/A',
		};
	});
}

const images: Handler = (ctx, parsed) => {
	const trunc = !flag(parsed, 'no-trunc', false);
	const filterRef = parsed.args[0];
	const list = dictValues(ctx.draft.images)
		.filter((image) => filterRef === undefined || image.repoTags.some((tag) => tag === normalizeTag(filterRef) || tag.startsWith(`${filterRef}:`)))
		.sort((a, b) => b.created - a.created || naturalCompare(a.repoTags[0] ?? '', b.repoTags[0] ?? ''));
	const format = parsed.flags.get('format') as string | undefined;
	if (flag(parsed, 'quiet', false) && format === undefined) {
		if (list.length > 0) out(ctx, [...new Set(list.map((image) => (trunc ? image.id.slice(7, 19) : image.id)))].join('\n'));
		return OK;
	}
	return renderRows(ctx, list.flatMap((image) => imageRows(ctx.draft, image, trunc)), format ?? 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}', IMAGE_HEADERS, '*formatter.imageContext');
};

const rmi: Handler = (ctx, parsed) => {
	let errors = 0;
	let done = 0;
	for (const ref of parsed.args) {
		const result = removeImage(ctx.draft, ref, flag(parsed, 'force', false));
		if (isFailure(result)) {
			err(ctx, DAEMON + result.error);
			errors++;
		} else {
			out(ctx, result.join('\n'));
			done++;
		}
	}
	return { code: errors > 0 ? 1 : 0, failed: errors > 0 && done === 0 };
};

const commit: Handler = (ctx, parsed) => {
	const container = findContainer(ctx.draft, parsed.args[0] as string);
	if (isFailure(container)) return fail(ctx, DAEMON + container.error);
	const result = commitContainer(ctx.draft, container, parsed.args[1], flag(parsed, 'message', ''));
	if (isFailure(result)) return fail(ctx, DAEMON + result.error);
	out(ctx, result.id);
	return OK;
};

export const EXTENSION: Extension = { name: 'images', docker: { commit, images, rmi } };
