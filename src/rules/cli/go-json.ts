/**
 * Go's encoding/json as docker prints it, for `docker inspect` and the `{{json}}` template function.
 * Only those extensions (inspect, templates) use it, so it is a module of its own: the core engine's
 * chunk does not carry it.
 */
import { jsonString } from './format.ts';

/** A nil Go map / slice: marshals to `null`, prints as `map[]` / `[]` in templates. */
export const NIL_MAP: Readonly<Record<string, never>> = Object.freeze(Object.create(null) as Record<string, never>);
export const NIL_SLICE: readonly never[] = Object.freeze([]);

/**
 * Go's encoding/json: `escapeHtml` as `json.Marshal` (daemon responses) or not (docker's `{{json}}`),
 * `indent` as `json.Indent(…, "", "    ")` for `docker inspect`. Non-enumerable properties are Go's
 * `omitempty` fields: they exist for templates but are not marshalled.
 */
export function goJson(value: unknown, options: { escapeHtml: boolean; indent?: string }, depth = 0): string {
	const indent = options.indent;
	const pad = (level: number): string => (indent === undefined ? '' : `\n${indent.repeat(level)}`);
	if (value === null || value === undefined || value === NIL_MAP || value === NIL_SLICE) return 'null';
	if (typeof value === 'string') return jsonString(value, options.escapeHtml);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[${value.map((item) => pad(depth + 1) + goJson(item, options, depth + 1)).join(',')}${pad(depth)}]`;
	}
	// Own enumerable properties only (zero values of omitempty fields live on a prototype); Go maps
	// (null-prototype objects here) marshal with sorted keys, structs in field order.
	const keys = Object.keys(value as object);
	if (Object.getPrototypeOf(value) === null) keys.sort();
	const entries = keys.map((key) => [key, (value as Record<string, unknown>)[key]] as const);
	if (entries.length === 0) return '{}';
	const sep = indent === undefined ? ':' : ': ';
	return `{${entries.map(([key, item]) => pad(depth + 1) + jsonString(key, options.escapeHtml) + sep + goJson(item, options, depth + 1)).join(',')}${pad(depth)}}`;
}
