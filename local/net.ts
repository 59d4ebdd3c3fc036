/** Listening and closing HTTP servers with the one-line errors a person can act on. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';

/** A port the stack needs is taken: the message names the port and what to do. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly service: string,
  ) {
    super(
      `port ${port} (${service}) is already in use: stop whatever holds it (another npm start?) or choose other ports with --port N`,
    );
  }
}

/** Starts listening; resolves with the bound port, rejects with PortInUseError when taken. */
export function listen(server: Server, port: number, host: string, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' || err.code === 'EACCES' ? new PortInUseError(port, service) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes a server and drops its keep-alive connections, so nothing holds the process open. */
export function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
export async function readBody(
  req: import('node:http').IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Starts a server on a worker thread of this process. The script posts `{port, ...}` or `{error}`
 * when it listens, then anything for `onMessage`, and `{closed}` after a 'close' message. Fails as
 * `listen` does.
 */
export function listenOnThread<Ready extends { port: number }>(
  script: URL,
  data: Record<string, unknown>,
  where: { port: number; host: string; service: string },
  onMessage: (message: Record<string, unknown>) => void = () => {},
): Promise<Ready & { close(): Promise<void> }> {
  const { port, host, service } = where;
  const worker = new Worker(script, { workerData: { ...data, port, host } });
  let closed: (() => void) | undefined;
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (err: Error) => {
      void worker.terminate();
      reject(err);
    };
    worker.once('error', (err) => {
      if (!ready) return fail(err);
      if (closed) return closed();
      console.error(`${service}: its thread stopped (${err.message}); restart npm start`);
    });
    worker.once('exit', (code) => {
      if (!ready) fail(new Error(`${service} thread exited (${code}) before listening`));
      closed?.();
    });
    worker.on('message', (m: Record<string, unknown> & { error?: { code?: string; message: string } }) => {
      if (ready) {
        if (m.closed) closed?.();
        else onMessage(m);
        return;
      }
      if (m.error) {
        const taken = m.error.code === 'EADDRINUSE' || m.error.code === 'EACCES';
        return fail(taken ? new PortInUseError(port, service) : new Error(`${service}: ${m.error.message}`));
      }
      ready = true;
      resolve({
        ...(m as Ready),
        close: () =>
          new Promise<void>((done) => {
            closed = () => void worker.terminate().then(() => done());
            worker.postMessage('close');
          }),
      });
    });
  });
}
