import { describe, expect, it } from 'vitest';
import { withBase } from '../../src/markdown/base-links.ts';

describe('withBase', () => {
	it('prefixes root-relative links with a sub-path base', () => {
		expect(withBase('/named/#lifecycle', '/mountpoint/')).toBe('/mountpoint/named/#lifecycle');
		expect(withBase('/en/', '/mountpoint')).toBe('/mountpoint/en/');
	});
	it('leaves links alone when the base is the root', () => {
		expect(withBase('/named/', '/')).toBe('/named/');
	});
	it('never double-prefixes and ignores external, protocol-relative and relative links', () => {
		expect(withBase('/mountpoint/named/', '/mountpoint/')).toBe('/mountpoint/named/');
		expect(withBase('https://docs.docker.com/', '/mountpoint/')).toBe('https://docs.docker.com/');
		expect(withBase('//example.com/x', '/mountpoint/')).toBe('//example.com/x');
		expect(withBase('#lifecycle', '/mountpoint/')).toBe('#lifecycle');
		expect(withBase('../bind/', '/mountpoint/')).toBe('../bind/');
	});
});
