/** Output helpers that match the docker CLI byte for byte: tabwriter tables, units, times, quoting (Go JSON: go-json.ts). */

/** Display width of a cell: its code points (`[...text].length`, without the array when there are no surrogates). */
function width(text: string): number {
	return /[\ud800-\udfff]/.test(text) ? [...text].length : text.length;
}

/** Go's text/tabwriter as docker configures it: minwidth 10, padding 3, cells end at `\t`. */
export function tabwrite(lines: readonly string[]): string {
	const rows = lines.map((line) => line.split('\t'));
	const widths: number[] = [];
	for (const row of rows) for (let index = 0; index < row.length - 1; index++) widths[index] = Math.max(widths[index] ?? 10, width(row[index] as string) + 3);
	let out = '';
	for (let number = 0; number < rows.length; number++) {
		const row = rows[number] as string[];
		if (number > 0) out += '\n';
		for (let index = 0; index < row.length - 1; index++) out += (row[index] as string) + ' '.repeat((widths[index] as number) - width(row[index] as string));
		out += row[row.length - 1] as string;
	}
	return out;
}

const JSON_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A Go JSON string (`escapeHtml` as `json.Marshal` does it). */
export function jsonString(text: string, escapeHtml: boolean): string {
	let out = '"';
	for (const ch of text) {
		const code = ch.codePointAt(0) as number;
		const escaped = JSON_ESCAPES[ch];
		if (escaped !== undefined) out += escaped;
		else if (code < 0x20 || (escapeHtml && (ch === '<' || ch === '>' || ch === '&'))) out += `\\u${code.toString(16).padStart(4, '0')}`;
		else out += ch;
	}
	return `${out}"`;
}

/** go-units HumanDuration. */
export function humanDuration(seconds: number): string {
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.floor(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.floor(seconds / 3600 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
	return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/** go-units HumanSize: decimal units, 4 significant digits (`0B`, `12B`, `2.048kB`, `4.26MB`). */
export function humanSize(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let size = bytes;
	let unit = 0;
	while (size >= 1000 && unit < units.length - 1) {
		size /= 1000;
		unit++;
	}
	return `${Number(size.toPrecision(4))}${units[unit]}`;
}

/** RFC 3339 in UTC as Go prints a time.Time (`2026-01-01T00:00:05Z`). */
export function rfc3339(seconds: number): string {
	if (seconds <= 0) return '0001-01-01T00:00:00Z';
	const days = Math.floor(seconds / 86400);
	const rest = seconds - days * 86400;
	// Civil-from-days (Howard Hinnant), to avoid Date and stay exact for any epoch second.
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	const two = (n: number): string => String(n).padStart(2, '0');
	return `${year}-${two(month)}-${two(day)}T${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}Z`;
}

/** docker's formatter.Ellipsis for ASCII-width text. */
export function ellipsis(text: string, width: number): string {
	const chars = [...text];
	return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/** Go's strconv.Quote for printable text. */
export function goQuote(text: string): string {
	return jsonString(text, false);
}

/** fvbommel/sortorder NaturalLess (digit runs compare by value), as `docker volume ls` sorts. */
export function naturalCompare(a: string, b: string): number {
	const digit = (code: number): boolean => code >= 48 && code <= 57;
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) {
		const ca = a.charCodeAt(i);
		const cb = b.charCodeAt(j);
		if (digit(ca) && digit(cb)) {
			// Digit runs: without leading zeros the longer is larger, then digit by digit, then the shorter run first.
			let ei = i;
			let ej = j;
			while (ei < a.length && digit(a.charCodeAt(ei))) ei++;
			while (ej < b.length && digit(b.charCodeAt(ej))) ej++;
			let si = i;
			let sj = j;
			while (si < ei && a.charCodeAt(si) === 48) si++;
			while (sj < ej && b.charCodeAt(sj) === 48) sj++;
			if (ei - si !== ej - sj) return ei - si - (ej - sj);
			for (; si < ei; si++, sj++) if (a.charCodeAt(si) !== b.charCodeAt(sj)) return a.charCodeAt(si) - b.charCodeAt(sj);
			if (ei - i !== ej - j) return ei - i - (ej - j);
			i = ei;
			j = ej;
		} else {
			if (ca !== cb) return ca - cb;
			i++;
			j++;
		}
	}
	return a.length - i - (b.length - j);
}
