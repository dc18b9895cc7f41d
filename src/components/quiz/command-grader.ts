/**
 * Loaded with a dynamic `import()` only when a written command is checked (or eagerly on the exam
 * page): the core rules engine plus goal checking. A question whose setup or answer needs an engine
 * extension (nginx, docker commit, tar …) is graded once that extension is loaded.
 */
import { withExtensions } from '../../rules/core.ts';
import { gradeCommand, type CommandGrade, type CommandTask } from '../../quiz/grade.ts';

export function gradeWritten(task: CommandTask, answer: string): Promise<CommandGrade> {
	return withExtensions((createEngine) => gradeCommand(task, answer, createEngine));
}
