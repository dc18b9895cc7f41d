/**
 * Loaded with a dynamic `import()` only when a written command is checked (or eagerly on the exam
 * page): the rules engine plus goal checking. Kept out of every chapter page's initial JS.
 */
import { createEngine } from '../../rules/index.ts';
import { gradeCommand, type CommandGrade, type CommandTask } from '../../quiz/grade.ts';

export function gradeWritten(task: CommandTask, answer: string): CommandGrade {
	return gradeCommand(task, answer, createEngine);
}
