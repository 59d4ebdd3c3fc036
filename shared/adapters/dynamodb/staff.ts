/** The staff directory: one item per member, plus a copy per role for the by-role index. */
import type { StaffMember } from '#domain/model.ts';
import type { StaffDirectory } from '#usecases/ports.ts';
import { indexes, keys } from './items.ts';
import type { Table } from './table.ts';

export function staffItems(table: Table): StaffDirectory {
  const getStaff = (staffId: string) => table.get<StaffMember>(keys.staff(staffId));
  return {
    async putStaff(item) {
      const previous = await getStaff(item.staffId);
      const pk = keys.staff(item.staffId).pk;
      await table.put(keys.staff(item.staffId), item);
      for (const role of item.roles) {
        await table.put(
          { pk, sk: `ROLE#${role}` },
          {
            ...item,
            [indexes.byRole.pk]: `ROLE#${role}`,
            [indexes.byRole.sk]: `${item.active ? 'A' : 'I'}#${item.staffId}`,
          },
        );
      }
      for (const role of previous?.roles ?? []) {
        if (!item.roles.includes(role)) await table.delete({ pk, sk: `ROLE#${role}` });
      }
    },

    getStaff,

    async listStaff(role) {
      const members = await table.all<StaffMember>(
        role
          ? {
              query: {
                IndexName: indexes.byRole.name,
                KeyConditionExpression: '#pk = :pk',
                ExpressionAttributeNames: { '#pk': indexes.byRole.pk },
                ExpressionAttributeValues: { ':pk': `ROLE#${role}` },
              },
            }
          : {
              scan: {
                FilterExpression: 'begins_with(pk, :p) AND sk = :s',
                ExpressionAttributeValues: { ':p': 'STAFF#', ':s': 'STAFF' },
              },
            },
      );
      return members.sort((a, b) => a.staffId.localeCompare(b.staffId));
    },
  };
}
