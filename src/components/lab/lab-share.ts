/**
 * The lab's rarely used actions, fetched on demand by the island (lab-app.ts): Share (a link that
 * replays the session), Copy as transcript, and opening a page from a share link. The share-link
 * codec comes with this chunk; the transcript exporter is a chunk of its own.
 */
import { decodeShare, shareFragment, shareValueFromHash } from '../../lab/share-codec.ts';
import { LAB_SEED, type DockerVersion } from '../../lab/engine-port.ts';
import type { LabSession } from '../../lab/session.ts';
import type { LabData, LabEntryData } from '../../lab/lab-data.ts';

/** What the actions need of the lab that asks. */
export interface ShareHost {
	readonly data: LabData;
	readonly uid: string;
	readonly s: (key: string, params?: Record<string, string | number>) => string;
	/** The status line (`role=status`). */
	readonly message: HTMLElement;
	/** Where the link and transcript boxes appear, made on first use. */
	readonly slot: HTMLElement;
	readonly entries: ReadonlyMap<string, LabEntryData>;
	session(): LabSession;
	current(): LabEntryData | undefined;
	dockerVersion(): DockerVersion;
	/** Starts `entry` (undefined: the sandbox) with `commands` replayed, in `docker` when given. */
	open(entry: LabEntryData | undefined, commands: readonly string[], docker?: DockerVersion): Promise<void>;
}

/** A labelled read-only field in the slot (made once, shown from then on). */
function field<K extends 'input' | 'textarea'>(host: ShareHost, kind: 'share' | 'transcript', tag: K): HTMLElementTagNameMap[K] {
	const id = `${host.uid}-${kind}`;
	const found = host.slot.querySelector<HTMLElementTagNameMap[K]>(`#${id}`);
	if (found !== null) return found;
	const control = document.createElement(tag);
	control.id = id;
	control.readOnly = true;
	control.className = kind === 'share' ? 'mp-lab__share-input' : 'mp-lab__transcript';
	if (control instanceof HTMLTextAreaElement) control.rows = 8;
	else control.type = 'text';
	const label = document.createElement('label');
	label.htmlFor = id;
	label.textContent = host.s(`lab.${kind}.label`);
	const box = document.createElement('div');
	box.className = 'mp-lab__share';
	box.append(label, control);
	host.slot.append(box);
	return control;
}

const copy = (text: string): Promise<boolean> =>
	navigator.clipboard?.writeText(text).then(
		() => true,
		() => false,
	) ?? Promise.resolve(false);

export async function share(host: ShareHost): Promise<void> {
	const session = host.session();
	const current = host.current();
	const docker = host.dockerVersion();
	const fragment = await shareFragment({
		commands: session.commands,
		...(current?.kind === 'level' ? { level: current.id } : current !== undefined ? { preset: current.id } : {}),
		...(current?.docker === undefined && docker !== '29' ? { docker } : {}),
	});
	const base = host.data.mode === 'page' ? `${location.origin}${location.pathname}` : new URL(host.data.labHref, location.href).href;
	const link = `${base}#${fragment}`;
	const input = field(host, 'share', 'input');
	input.value = link;
	const copied = await copy(link);
	host.message.textContent = host.s(copied ? 'lab.share.copied' : 'lab.share.ready', { count: session.commandCount });
	if (!copied) input.select();
}

export async function copyTranscript(host: ShareHost): Promise<void> {
	const { sessionTranscript } = await import('../../lab/transcript-export.ts');
	const session = host.session();
	const text = sessionTranscript(session.entries, { title: host.current()?.title ?? host.s('lab.sandbox'), seed: LAB_SEED, dockerVersion: session.dockerVersion });
	field(host, 'transcript', 'textarea').value = text;
	const copied = await copy(text);
	host.message.textContent = host.s(copied ? 'lab.transcript.copied' : 'lab.transcript.ready', { count: session.entries.length });
}

/** Replays a share link's session; a broken or unknown one says why and leaves an empty lab. */
export async function openSharedLink(host: ShareHost, hash: string): Promise<void> {
	const decoded = await decodeShare(shareValueFromHash(hash) ?? '');
	if (!decoded.ok) {
		host.message.textContent = host.s(`lab.share.problem.${decoded.problem}`);
		await host.open(undefined, []);
		return;
	}
	const { session: shared } = decoded;
	const id = shared.level ?? shared.preset;
	const entry = id === undefined ? undefined : host.entries.get(id);
	if (id !== undefined && entry === undefined) {
		host.message.textContent = host.s('lab.share.problem.unknown-level', { id });
		await host.open(undefined, []);
		return;
	}
	await host.open(entry, shared.commands, shared.docker);
	host.message.textContent = host.s('lab.share.opened', { count: host.session().commandCount });
}
