/** A prefix for the ids of one rendered lab: unique in a build, so unique on every page. */
let count = 0;
export function nextLabUid(): string {
	return `mp-lab-${++count}`;
}
