/** Image objects made by the user: `docker commit`, tagging, `docker rmi`. */
import { dictGet, dictValues, treeSize, type DirNode } from '../model/fs.ts';
import type { Container, Image, ImageConfig } from '../model/state.ts';
import type { Draft } from '../model/world.ts';
import { normalizeTag, type Failure } from './daemon.ts';

const REFERENCE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

export function validReference(ref: string): boolean {
	return REFERENCE.test(ref);
}

/** Points `tag` at `imageId`; the image that had the tag before loses it (and may become dangling). */
export function tagImage(draft: Draft, tag: string, imageId: string): void {
	const previous = dictGet(draft.tags, tag);
	if (previous !== undefined && previous !== imageId) {
		const old = dictGet(draft.images, previous);
		if (old !== undefined) draft.putImage({ ...old, repoTags: old.repoTags.filter((name) => name !== tag) });
	}
	draft.setTag(tag, imageId);
	const image = dictGet(draft.images, imageId) as Image;
	if (!image.repoTags.includes(tag)) draft.putImage({ ...image, repoTags: [...image.repoTags, tag] });
}

/** A new image on top of `parent` with extra layers and config (commit and build share this). */
export function addImage(draft: Draft, parent: Image, layers: readonly DirNode[], config: ImageConfig, comment = ''): Image {
	const image: Image = {
		id: `sha256:${draft.hex64()}`,
		repoTags: [],
		layers: [...parent.layers, ...layers],
		layerIds: [...parent.layerIds, ...layers.map(() => draft.hex64())],
		config,
		created: draft.now,
		size: parent.size + layers.reduce((total, layer) => total + treeSize(layer), 0),
		comment,
	};
	draft.putImage(image);
	return image;
}

/** `docker commit`: the container layer becomes an image layer; volume content is not part of it. */
export function commitContainer(draft: Draft, container: Container, ref: string | undefined, message: string): Image | Failure {
	if (ref !== undefined && !validReference(ref)) return { error: `invalid reference format` };
	const parent = dictGet(draft.images, container.imageId) as Image;
	const config: ImageConfig = {
		cmd: container.config.cmd,
		entrypoint: container.config.entrypoint,
		env: container.config.env,
		workingDir: container.config.workingDir,
		volumes: container.config.volumes,
	};
	const image = addImage(draft, parent, [container.layer], config, message);
	if (ref !== undefined) tagImage(draft, normalizeTag(ref), image.id);
	return dictGet(draft.images, image.id) as Image;
}

/** `docker rmi`: untags; deletes the image when no tag is left and no container uses it. */
export function removeImage(draft: Draft, ref: string, force: boolean): string[] | Failure {
	const tag = normalizeTag(ref);
	const id = dictGet(draft.tags, tag) ?? dictValues(draft.images).find((image) => image.id.slice(7).startsWith(ref.replace(/^sha256:/, '')) && ref.length >= 4)?.id;
	const image = id === undefined ? undefined : dictGet(draft.images, id);
	if (image === undefined) return { error: `No such image: ${ref}` };
	const user = dictValues(draft.containers).find((container) => container.imageId === image.id);
	const byTag = dictGet(draft.tags, tag) === image.id;
	if (user !== undefined && !force && (!byTag || image.repoTags.length === 1)) {
		return byTag
			? { error: `conflict: unable to remove repository reference "${ref}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${image.id.slice(7, 19)}` }
			: { error: `conflict: unable to delete ${image.id.slice(7, 19)} (must be forced) - image is being used by stopped container ${user.id.slice(0, 12)}` };
	}
	const lines: string[] = [];
	const untag = byTag ? [tag] : [...image.repoTags];
	for (const name of untag) {
		draft.setTag(name, undefined);
		lines.push(`Untagged: ${name}`);
	}
	const remaining = image.repoTags.filter((name) => !untag.includes(name));
	if (remaining.length > 0 || user !== undefined) draft.putImage({ ...image, repoTags: remaining });
	else {
		draft.deleteImage(image.id);
		lines.push(`Deleted: ${image.id}`);
	}
	return lines;
}
