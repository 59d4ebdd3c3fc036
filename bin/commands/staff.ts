/**
 * `so staff add|list|deactivate`: the staff directory (triage doctors, office, specialists with
 * their consultation types and languages, leads, secretariats) in the service's table.
 * Uses TABLE_NAME and AWS_ENDPOINT_URL_DYNAMODB (the local stack's dynalite, or AWS).
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { documentClient } from '#adapters/clients.ts';
import { type DynamoStore, dynamoStore } from '#adapters/dynamodb/store.ts';
import {
  CONSULTATION_TYPES,
  DISEASE_SITES,
  LANGUAGES,
  STAFF_ROLES,
  type StaffMember,
} from '#domain/model.ts';
import { type Io, options } from '../io.ts';

const USAGE = `usage:
  so staff add --name NAME --email EMAIL --roles ROLE[,ROLE] [--types TYPE[,TYPE]] [--sites SITE[,SITE]] [--languages en,it] [--secretariat EMAIL] [--id STAFF_ID]
  so staff list [--role ROLE] [--json]
  so staff deactivate STAFF_ID
roles: ${STAFF_ROLES.join(', ')}
types: ${CONSULTATION_TYPES.join(', ')}
sites: ${DISEASE_SITES.join(', ')}`;

const list = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

const addSchema = z.object({
  staffId: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be lower-case letters, digits, . _ -'),
  name: z.string().trim().min(1),
  email: z.email(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  consultationTypes: z.array(z.enum(CONSULTATION_TYPES)),
  diseaseSites: z.array(z.enum(DISEASE_SITES)),
  languages: z.array(z.enum(LANGUAGES)).min(1),
  secretariatEmail: z.email().optional(),
});

function store(): DynamoStore {
  const table = process.env.TABLE_NAME;
  if (!table) throw new Error('TABLE_NAME is not set (and AWS_ENDPOINT_URL_DYNAMODB for the local stack)');
  return dynamoStore(documentClient(), table);
}

export async function run(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const { values } = options(rest, {
      id: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      roles: { type: 'string' },
      types: { type: 'string' },
      sites: { type: 'string' },
      languages: { type: 'string' },
      secretariat: { type: 'string' },
    });
    const parsed = addSchema.safeParse({
      staffId:
        values.id ??
        `${
          (values.name ?? '')
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 40) || 'staff'
        }-${randomUUID().slice(0, 6)}`,
      name: values.name,
      email: values.email,
      roles: list(values.roles),
      consultationTypes: list(values.types),
      diseaseSites: list(values.sites),
      languages: values.languages ? list(values.languages) : ['en'],
      secretariatEmail: values.secretariat,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) io.err(`so staff add: --${String(i.path[0])} ${i.message}`);
      io.err(USAGE);
      return 2;
    }
    const s = store();
    const previous = await s.getStaff(parsed.data.staffId);
    const item: StaffMember = {
      ...parsed.data,
      active: true,
      createdAt: previous?.createdAt ?? new Date().toISOString(),
    };
    await s.putStaff(item);
    io.out(JSON.stringify(item));
    return 0;
  }
  if (sub === 'list') {
    const { values } = options(rest, { role: { type: 'string' }, json: { type: 'boolean' } });
    const role = values.role ? z.enum(STAFF_ROLES).safeParse(values.role) : undefined;
    if (role && !role.success) {
      io.err(`so staff list: unknown role "${values.role}"\n${USAGE}`);
      return 2;
    }
    const items = await store().listStaff(role?.data);
    for (const s of items) {
      io.out(
        values.json
          ? JSON.stringify(s)
          : [
              s.staffId,
              s.active ? 'active' : 'inactive',
              s.name,
              s.email,
              s.roles.join(','),
              s.consultationTypes.join(','),
              s.languages.join(','),
            ].join('\t'),
      );
    }
    return 0;
  }
  if (sub === 'deactivate') {
    const staffId = rest[0];
    if (!staffId || rest.length !== 1) {
      io.err(USAGE);
      return 2;
    }
    const s = store();
    const item = await s.getStaff(staffId);
    if (!item) {
      io.err(`so staff deactivate: no staff member "${staffId}"`);
      return 1;
    }
    await s.putStaff({ ...item, active: false });
    io.out(JSON.stringify({ staffId, active: false }));
    return 0;
  }
  io.err(USAGE);
  return 2;
}
