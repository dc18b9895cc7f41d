import { describe, expect, it } from 'vitest';
import { ellipsis, humanDuration, humanSize, naturalCompare, rfc3339, tabwrite } from '../../src/rules/cli/format.ts';
import { goJson, NIL_MAP, NIL_SLICE } from '../../src/rules/cli/go-json.ts';
import { renderTemplate } from '../../src/rules/cli/template.ts';

describe('tabwrite (minwidth 10, padding 3)', () => {
	it('pads every cell but the last to the widest cell + 3, at least 10', () => {
		expect(tabwrite(['DRIVER\tVOLUME NAME', 'local\tassets'])).toBe('DRIVER    VOLUME NAME\nlocal     assets');
		expect(tabwrite(['NAMES\tIMAGE\tSTATE', 'web\tweb-demo\trunning'])).toBe('NAMES     IMAGE      STATE\nweb       web-demo   running');
		expect(tabwrite(['a\t', 'b\t'])).toBe('a         \nb         ');
	});
	it('counts runes, not UTF-16 units or bytes', () => {
		expect(tabwrite(['"sleep 60…"\tx'])).toBe('"sleep 60…"   x');
	});
});

describe('Go JSON', () => {
	const value = { Labels: NIL_MAP, Binds: NIL_SLICE, Name: '<h1>&', Empty: {}, List: [] };
	it('marshals compactly, escaping HTML only like json.Marshal', () => {
		expect(goJson(value, { escapeHtml: false })).toBe('{"Labels":null,"Binds":null,"Name":"<h1>&","Empty":{},"List":[]}');
		expect(goJson(value, { escapeHtml: true })).toBe('{"Labels":null,"Binds":null,"Name":"\\u003ch1\\u003e\\u0026","Empty":{},"List":[]}');
	});
	it('indents with 4 spaces like docker inspect', () => {
		expect(goJson([{ A: 1, B: ['x'] }], { escapeHtml: true, indent: '    ' })).toBe('[\n    {\n        "A": 1,\n        "B": [\n            "x"\n        ]\n    }\n]');
	});
});

describe('units and times', () => {
	it.each([
		[0, 'Less than a second'],
		[1, '1 second'],
		[59, '59 seconds'],
		[60, 'About a minute'],
		[119, 'About a minute'],
		[120, '2 minutes'],
		[3600, 'About an hour'],
		[7200, '2 hours'],
		[86400 * 3, '3 days'],
		[86400 * 20, '2 weeks'],
		[86400 * 100, '3 months'],
		[86400 * 800, '2 years'],
	])('humanDuration(%d) = %s', (seconds, text) => {
		expect(humanDuration(seconds)).toBe(text);
	});
	it.each([
		[0, '0B'],
		[12, '12B'],
		[2048, '2.048kB'],
		[4_261_550, '4.262MB'],
		[192_000_000, '192MB'],
		[1_120_000_000, '1.12GB'],
	])('humanSize(%d) = %s', (bytes, text) => {
		expect(humanSize(bytes)).toBe(text);
	});
	it('prints RFC 3339 in UTC without Date', () => {
		expect(rfc3339(1_767_225_605)).toBe('2026-01-01T00:00:05Z');
		expect(rfc3339(951_782_400)).toBe('2000-02-29T00:00:00Z');
		expect(rfc3339(0)).toBe('0001-01-01T00:00:00Z');
	});
	it('ellipsizes to a display width', () => {
		expect(ellipsis('sh -c echo hello world', 20)).toBe('sh -c echo hello wo…');
		expect(ellipsis('sleep 600', 20)).toBe('sleep 600');
	});
	it('sorts naturally', () => {
		expect(['vol10', 'vol2', 'a', 'vol1', 'B'].sort(naturalCompare)).toEqual(['B', 'a', 'vol1', 'vol2', 'vol10']);
	});
});

describe('Go templates', () => {
	const mount = Object.assign(Object.create({ Name: '', Driver: '' }) as object, { Type: 'bind', Source: '/h', Destination: '/d', RW: true });
	const data = { Name: '/web', Config: { Image: 'busybox', Env: ['A=1', 'B=2'], Volumes: Object.assign(Object.create(null) as object, { '/data': {} }) }, Mounts: [mount], Labels: NIL_MAP, Count: 3 };
	const run = (source: string, rawFallback = true) => renderTemplate(source, data, { typeName: 'types.ContainerJSON', rawFallback });
	it.each([
		['{{.Name}}', '/web'],
		['{{.Config.Image}}', 'busybox'],
		['{{json .Config.Env}}', '["A=1","B=2"]'],
		['{{json .Config.Volumes}}', '{"/data":{}}'],
		['{{.Config.Volumes}}', 'map[/data:{}]'],
		['{{.Labels}}', 'map[]'],
		['{{json .Labels}}', 'null'],
		['{{range .Mounts}}{{.Type}} {{.Destination}} {{.RW}} {{end}}', 'bind /d true '],
		['{{range .Mounts}}[{{.Name}}]{{end}}', '[]'],
		['{{json .Mounts}}', '[{"Type":"bind","Source":"/h","Destination":"/d","RW":true}]'],
		['{{len .Mounts}} {{len .Config.Env}}', '1 2'],
		['{{println .Name}}x', '/web\nx'],
		['{{range .Config.Env}}{{println .}}{{end}}', 'A=1\nB=2\n'],
		['{{if .Mounts}}yes{{else}}no{{end}}', 'yes'],
		['{{if .Labels}}yes{{else}}no{{end}}', 'no'],
		['{{with .Config}}{{.Image}}{{end}}', 'busybox'],
		['{{.Name | upper}}', '/WEB'],
		['{{join .Config.Env ","}}', 'A=1,B=2'],
		['{{index .Config.Env 1}}', 'B=2'],
		['{{printf "%s:%d" .Name .Count}}', '/web:3'],
		['  {{- .Name -}}  !', '/web!'],
	])('%s', (source, expected) => {
		expect(run(source)).toBe(expected);
	});
	it.each([
		['{{.Nope}}', true, 'template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'],
		['{{.Nope}}', false, 'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type types.ContainerJSON'],
		['x {{.Config.Nope}}', true, 'template: :1:4: executing "" at <.Config.Nope>: map has no entry for key "Nope"'],
		['{{range .Mounts}}{{.Bogus}}{{end}}', true, 'template: :1:19: executing "" at <.Bogus>: map has no entry for key "Bogus"'],
	])('%s fails like Go (raw fallback %s)', (source, rawFallback, error) => {
		expect(run(source, rawFallback)).toEqual({ error, parse: false });
	});
	it.each([
		['{{.Name', 'template: :1: unclosed action'],
		['{{range .Mounts}}', 'template: :1: unexpected EOF'],
		['{{end}}', 'template: :1: unexpected {{end}}'],
		['{{nope .Name}}', 'template: :1: function "nope" not defined'],
	])('parse error %s', (source, error) => {
		expect(run(source)).toEqual({ error, parse: true });
	});
});
