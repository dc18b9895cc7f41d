/** Quiz text is plain text with inline `code` in backticks, and blank lines between paragraphs. */
export interface TextPart {
	code: boolean;
	text: string;
}

export function inlineParts(text: string): TextPart[] {
	return text.split('`').flatMap((text, index) => (text === '' ? [] : [{ code: index % 2 === 1, text }]));
}

export function paragraphs(text: string): string[] {
	return text
		.trim()
		.split(/\n\s*\n/)
		.map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' '));
}
