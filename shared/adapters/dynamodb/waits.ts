/** The human waits of the workflow's steps and the action links that decide them. */
import type { ActionLink, Wait } from '#domain/model.ts';
import type { WaitStore } from '#usecases/ports.ts';
import { keys } from './items.ts';
import { expiring, type Table } from './table.ts';

export function waitItems(table: Table): WaitStore {
  return {
    putWait: (item) => table.put(keys.wait(item.caseId, item.step), item),

    getWait: (caseId, step) => table.get<Wait>(keys.wait(caseId, step)),

    decideWait: (caseId, step, d) =>
      table.update<Wait>(
        keys.wait(caseId, step),
        { decidedBy: d.by, decision: d.decision, decidedAt: d.at, decisionOutput: d.output },
        `attribute_exists(pk) AND attribute_not_exists(decision)${d.openedAt ? ' AND openedAt = :opened' : ''}`,
        d.openedAt ? { ':opened': d.openedAt } : {},
        `step ${step} of case ${caseId} is already decided`,
      ),

    updateWait(caseId, step, openedAt, changes) {
      const { caseId: _c, step: _s, openedAt: _o, ...rest } = changes;
      return table.update<Wait>(
        keys.wait(caseId, step),
        rest,
        'attribute_exists(pk) AND openedAt = :opened',
        { ':opened': openedAt },
        `the ${step} wait of case ${caseId} moved on`,
      );
    },

    deleteWait: (caseId, step) => table.delete(keys.wait(caseId, step)),

    putLink: (item) => table.putNew(keys.link(item.tokenHash), expiring(item), 'link'),

    getLink: (tokenHash) => table.get<ActionLink>(keys.link(tokenHash)),

    useLink: (tokenHash, at) => table.useOnce<ActionLink>(keys.link(tokenHash), at, 'link'),
  };
}
