import type { Access } from '#functions/manifest.ts';

/** Every access kind, by the adapter of the service it lets a function use. */
export const SERVICES: { adapter: string; grants: Access[] }[] = [
  { adapter: 'shared/adapters/dynamodb/store.ts', grants: ['table:read', 'table:write'] },
  {
    adapter: 'shared/adapters/s3.ts',
    grants: [
      'documents:read',
      'documents:write',
      'documents:delete',
      'previews:read',
      'previews:write',
      'statements:read',
    ],
  },
  { adapter: 'shared/adapters/ses.ts', grants: ['email:send'] },
  { adapter: 'shared/adapters/sfn.ts', grants: ['workflow:start', 'workflow:callback', 'workflow:stop'] },
  { adapter: 'shared/adapters/textract.ts', grants: ['textract:start', 'textract:get'] },
];
