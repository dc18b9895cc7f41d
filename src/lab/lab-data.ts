/**
 * What a rendered lab hands its island: the entries (levels and presets) in the page's language and
 * the UI strings, as JSON in the page (data, not code: it does not count against the JS budget).
 */
import type { Goal } from '../quiz/goals.ts';
import type { DockerVersion } from './engine-port.ts';

export interface LabEntryData {
	readonly id: string;
	readonly kind: 'level' | 'preset';
	readonly chapter: string;
	readonly title: string;
	readonly task: string;
	readonly hint?: string;
	readonly setup: readonly string[];
	readonly goal?: Goal;
	readonly solution?: readonly string[];
	/** The reference solution's command count (golf: solved in at most this many is "best"). */
	readonly commandCount?: number;
	readonly docker?: DockerVersion;
}

export interface LabData {
	readonly lang: 'ko' | 'en';
	readonly mode: 'page' | 'embed';
	readonly strings: Readonly<Record<string, string>>;
	readonly entries: readonly LabEntryData[];
	/** The entry an embed starts with (its preset); a page starts in the sandbox or a shared link's. */
	readonly initial?: string;
	/** The lab page in this language (share links from an embed open there). */
	readonly labHref: string;
}
