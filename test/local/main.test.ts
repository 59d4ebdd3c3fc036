/**
 * `npm start` as a process: ready message, data kept across a restart, --reset, Ctrl-C leaves nothing
 * running (also a SIGINT to npm's own process alone), a taken port is one clear line.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'so-main-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(...args: string[]) {
  return watch(
    spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A started stack's output, when it is ready, and when it exits. */
function watch(child: ChildProcess) {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const t = setInterval(() => {
      if (out.includes('Ctrl-C stops everything')) {
        clearInterval(t);
        resolve(out);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(t);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  // Tests that expect a failed start only await `exited`.
  ready.catch(() => {});
  return { child, ready, exited, output: () => out };
}

async function stopWith(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals) {
  child.kill(signal);
  return exited;
}

/** `npm start` itself, as a person runs it. */
function npmStart(dir: string) {
  return watch(
    spawn('npm', ['start', '--', '--data-dir', dir, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

const simulatedNow = (out: string) => Date.parse(/Simulated time now (\S+?)\.\s/.exec(out)![1]!);

describe('npm start (local/main.ts)', () => {
  it('starts, keeps its data, mailbox and simulated time across a restart, and --reset starts clean', async () => {
    const first = start('--port', '0', '--reset', '--speed', '3600');
    const out1 = await first.ready;
    expect(out1).toMatch(/Patient page +http:\/\/localhost:\d+\//);
    expect(out1).toMatch(/Mailbox +http:\/\/localhost:\d+\//);
    expect(out1).toContain('seeded 10 demo staff members');
    const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));
    const page = await fetch(`${endpoints.api}/nowhere`);
    expect(page.status).toBe(404);
    const ses = new SESClient({
      endpoint: endpoints.ses,
      region: 'eu-south-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await ses.send(
      new SendEmailCommand({
        Source: 'second-opinion@hospital.example',
        Destination: { ToAddresses: ['kept@example.com'] },
        Message: { Subject: { Data: 'Kept across a restart' }, Body: { Text: { Data: 'hello' } } },
      }),
    );
    ses.destroy();
    // An hour of simulated time per real second: let it run ahead of the real clock.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await stopWith(first.child, first.exited, 'SIGINT')).toBe(0);
    await expect(fetch(endpoints.api)).rejects.toThrow();
    const clock = JSON.parse(readFileSync(join(dataDir, 'clock.json'), 'utf8'));
    expect(Date.parse(clock.simulatedNow)).toBeGreaterThan(Date.now() + 3600_000);

    const second = start('--port', '0');
    const out2 = await second.ready;
    expect(out2).not.toContain('seeded');
    const mailbox = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')).mailbox;
    const kept = (await (await fetch(new URL('store', mailbox))).json()) as { emails: { subject: string }[] };
    // The simulated morning may have brought the office's daily digest meanwhile: only ours is asserted.
    expect(kept.emails.map((e) => e.subject).filter((s) => !s.startsWith('Daily digest '))).toEqual([
      'Kept across a restart',
    ]);
    expect(simulatedNow(out2)).toBeGreaterThanOrEqual(Date.parse(clock.simulatedNow));
    expect(await stopWith(second.child, second.exited, 'SIGTERM')).toBe(0);

    const third = start('--port', '0', '--reset');
    const out3 = await third.ready;
    expect(out3).toContain('seeded 10 demo staff members');
    expect(simulatedNow(out3)).toBeLessThan(Date.now() + 60_000);
    expect(await stopWith(third.child, third.exited, 'SIGINT')).toBe(0);
  }, 90_000);

  it("stops on a SIGINT sent to npm's own process alone (the script execs, so no child keeps the ports)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-npm-start-'));
    try {
      const run = npmStart(dir);
      await run.ready;
      const api = JSON.parse(readFileSync(join(dir, 'endpoints.json'), 'utf8')).api as string;
      expect(await stopWith(run.child, run.exited, 'SIGINT')).toBe(0);
      await expect(fetch(api)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it.each([
    ['api', 0],
    // S3 runs on a thread of its own: its taken port is the same one line.
    ['s3', 2],
  ])(
    'says in one line which port is taken (%s)',
    async (service, offset) => {
      const blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
      const port = (blocker.address() as { port: number }).port;
      const run = start('--port', String(port - offset));
      const code = await run.exited;
      blocker.close();
      expect(code).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toEqual([
        `npm start: port ${port} (${service}) is already in use: stop whatever holds it (another npm start?) or choose other ports with --port N`,
      ]);
    },
    30_000,
  );

  it('rejects a bad option with the usage', async () => {
    const run = start('--speed', 'fast');
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('--speed must be a number');
  });
});
