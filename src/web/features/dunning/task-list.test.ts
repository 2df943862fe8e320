import { describe, expect, it } from 'vitest';
import { isTaskLate, peopleOf, tasksFor, UNASSIGNED } from './task-list';

const task = (salesRep: string | null, collector: string | null) => ({ salesRep, collector });

describe('the action list: whose task it is', () => {
  it('lists the sales reps and collectors once each, in order', () => {
    expect(
      peopleOf([task('Julien', null), task('Julien', 'Claire'), task(null, 'Élodie'), task(null, null)]),
    ).toEqual(['Claire', 'Élodie', 'Julien']);
  });

  it('keeps the tasks of one person as sales rep or collector, of nobody, or all', () => {
    const tasks = [task('Julien', null), task('Julien', 'Claire'), task(null, 'Claire'), task(null, null)];
    expect(tasksFor(tasks, 'Julien')).toEqual([tasks[0], tasks[1]]);
    expect(tasksFor(tasks, 'Claire')).toEqual([tasks[1], tasks[2]]);
    expect(tasksFor(tasks, UNASSIGNED)).toEqual([tasks[3]]);
    expect(tasksFor(tasks, 'Nobody')).toEqual([]);
    expect(tasksFor(tasks, null)).toEqual(tasks);
    expect(tasksFor(tasks, '')).toEqual(tasks);
  });

  it('an open task is late the day after its date; a closed one never', () => {
    expect(isTaskLate({ dueDate: '2024-04-29', status: 'open' }, '2024-04-30')).toBe(true);
    expect(isTaskLate({ dueDate: '2024-04-30', status: 'open' }, '2024-04-30')).toBe(false);
    expect(isTaskLate({ dueDate: '2024-04-01', status: 'done' }, '2024-04-30')).toBe(false);
  });
});
