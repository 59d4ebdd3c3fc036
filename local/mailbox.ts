/**
 * The SES stand-in: aws-ses-v2-local (mailbox page at `/`, JSON at `/store`) behind a small front
 * that takes SES v1 SendEmail itself, because the emulator keeps only the first address of each
 * recipient list. Everything else goes through to the emulator unchanged. The emails are saved to
 * a file on stop and read back on start, so the links sent before a restart can still be clicked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import * as storeModule from 'aws-ses-v2-local/dist/store.js';
import { listen, readBody } from './net.ts';

type StartSes = (config: { host: string; port: number }) => Promise<Server>;
// A CommonJS module with __esModule: Node hands ESM importers the exports object.
const startSes = ((sesModule as unknown as { default?: StartSes }).default ??
  sesModule) as unknown as StartSes;
const store = ((storeModule as { default?: unknown }).default ?? storeModule) as {
  saveEmail(email: Record<string, unknown>): void;
  clearStore(): void;
  getStoreReadonly(): { emails: readonly Record<string, unknown>[] };
};

const members = (form: URLSearchParams, prefix: string) =>
  [...form.keys()]
    .filter((k) => k.startsWith(`${prefix}.member.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((k) => form.get(k)!);

const xml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Mailbox {
  /** The front server (the SES endpoint and the mailbox page). */
  server: Server;
  /** The emulator behind it. */
  emulator: Server;
  port: number;
  /** Writes every email to the file the mailbox was started from. */
  save(): void;
}

/** `file`: where the emails are kept across restarts (read now, written by `save`). */
export async function startMailbox(host: string, port: number, file: string): Promise<Mailbox> {
  // The emulator's store lives as long as the process: start from the file alone.
  store.clearStore();
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    for (const email of Array.isArray(saved) ? saved : []) store.saveEmail(email);
  } catch {
    // No saved mailbox: it starts empty.
  }
  const save = () => writeFileSync(file, `${JSON.stringify(store.getStoreReadonly().emails)}\n`);
  const emulator = await startSes({ host, port: 0 });
  const inner = (emulator.address() as AddressInfo).port;
  const server = createServer((req, res) => {
    void (async () => {
      const body = (await readBody(req, 40 * 1024 * 1024)) ?? Buffer.alloc(0);
      const form =
        req.method === 'POST' && req.url === '/' && String(req.headers['content-type']).includes('urlencoded')
          ? new URLSearchParams(body.toString('utf8'))
          : undefined;
      if (form?.get('Action') === 'SendEmail' && req.headers.authorization?.startsWith('AWS')) {
        const to = members(form, 'Destination.ToAddresses');
        const subject = form.get('Message.Subject.Data');
        const text = form.get('Message.Body.Text.Data') ?? undefined;
        const html = form.get('Message.Body.Html.Data') ?? undefined;
        if (!form.get('Source') || !subject || (!text && !html) || !to.length) {
          res.writeHead(400, { 'content-type': 'text/xml' });
          res.end(
            '<ErrorResponse><Error><Type>Sender</Type><Code>MessageRejected</Code><Message>Source, a recipient, a subject and a body are required</Message></Error></ErrorResponse>',
          );
          return;
        }
        const messageId = `ses-${Math.floor(Math.random() * 900_000_000) + 100_000_000}`;
        store.saveEmail({
          messageId,
          from: form.get('Source'),
          replyTo: members(form, 'ReplyToAddresses'),
          destination: {
            to,
            cc: members(form, 'Destination.CcAddresses'),
            bcc: members(form, 'Destination.BccAddresses'),
          },
          subject,
          body: { text, html },
          attachments: [],
          at: Math.floor(Date.now() / 1000),
        });
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<?xml version="1.0" encoding="UTF-8"?><SendEmailResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><SendEmailResult><MessageId>${xml(messageId)}</MessageId></SendEmailResult></SendEmailResponse>`,
        );
        return;
      }
      const forward = request(
        { host, port: inner, method: req.method, path: req.url, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(body);
    })();
  });
  try {
    const bound = await listen(server, port, host, 'ses');
    return { server, emulator, port: bound, save };
  } catch (err) {
    emulator.close();
    emulator.closeAllConnections();
    throw err;
  }
}
