/** Case tasks: work alongside the case's next step, indexed while open by due time. */
import type { CaseTask } from '#domain/tasks.ts';
import type { TaskStore } from '#usecases/ports.ts';
import { keys, prefixes, taskIndex } from './items.ts';
import type { Table } from './table.ts';

export function taskItems(table: Table): TaskStore {
  return {
    putTask: (item) =>
      table.putNew(
        keys.task(item.caseId, item.taskId),
        { ...item, ...taskIndex(item) },
        `task ${item.taskId}`,
      ),

    getTask: (caseId, taskId) => table.get<CaseTask>(keys.task(caseId, taskId)),

    listTasks: (caseId) => table.queryPrefix<CaseTask>(keys.case(caseId).pk, prefixes.task),

    /** `changes` with a status or a due time move the task in the index of open tasks (or out of it). */
    updateOpenTask(caseId, taskId, changes, ifUpdatedAt) {
      const { caseId: _c, taskId: _t, ...rest } = changes;
      const indexed =
        changes.status || changes.dueAt
          ? taskIndex({ caseId, taskId, status: changes.status ?? 'open', dueAt: changes.dueAt })
          : {};
      const unchanged = ifUpdatedAt === undefined ? '' : ' AND #updatedAt = :updatedAt';
      return table.update<CaseTask>(
        keys.task(caseId, taskId),
        { ...rest, ...indexed },
        `attribute_exists(pk) AND #status = :open${unchanged}`,
        { ':open': 'open', ...(ifUpdatedAt === undefined ? {} : { ':updatedAt': ifUpdatedAt }) },
        `task ${taskId} is no longer open${unchanged && ' or changed since'}`,
        { '#status': 'status', ...(ifUpdatedAt === undefined ? {} : { '#updatedAt': 'updatedAt' }) },
      );
    },

    listOpenTasks: () => table.queryIndex<CaseTask>('TASKSTATE#open'),
  };
}
