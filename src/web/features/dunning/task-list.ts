import type { Task } from '../../../contracts/dunning';

/**
 * The action list's pure parts (issue 4 point 4): who a task is for, and the filter by person.
 * A task is for the people who follow its customer, its sales rep and its collector (COL-5
 * portfolios are made of either).
 */

type Owners = Pick<Task, 'collector' | 'salesRep'>;

/** The people of a list of tasks, sales reps and collectors, each once, in alphabetical order. */
export function peopleOf(tasks: readonly Owners[]): string[] {
  const names = new Set<string>();
  for (const task of tasks) {
    if (task.salesRep !== null) names.add(task.salesRep);
    if (task.collector !== null) names.add(task.collector);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The value of the filter that keeps the tasks nobody follows. */
export const UNASSIGNED = '-';

/**
 * The tasks of one person, as sales rep or collector (`UNASSIGNED`: of nobody); `null` or `''`
 * keeps them all.
 * @example tasksFor(tasks, 'Julien Lefèvre')
 */
export function tasksFor<T extends Owners>(tasks: readonly T[], person: string | null): T[] {
  if (person === null || person === '') return [...tasks];
  if (person === UNASSIGNED) return tasks.filter((t) => t.salesRep === null && t.collector === null);
  return tasks.filter((t) => t.salesRep === person || t.collector === person);
}

/** Whether an open task's date has passed: it is late. */
export function isTaskLate(task: Pick<Task, 'dueDate' | 'status'>, today: string): boolean {
  return task.status === 'open' && task.dueDate < today;
}
