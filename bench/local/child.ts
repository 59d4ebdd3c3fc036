/**
 * Runs a local-stack benchmark in a process of its own: the stack's handlers cache their
 * configuration per process (as a Lambda does), so each benchmark gets a fresh one. The child prints
 * its figures as the last line of its output.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MARK = 'BENCH-FIGURES ';

/**
 * Runs the module's benchmark body in a child; `args` reach it after `--child` (see childArgs),
 * `nodeOptions` go to node (`--expose-gc`...).
 */
export function runInChild(
  moduleUrl: string,
  args: string[] = [],
  nodeOptions: string[] = [],
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const argv = [...nodeOptions, '--import', 'tsx', fileURLToPath(moduleUrl), '--child', ...args];
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      for (const line of d.toString().split('\n')) if (line && !line.startsWith(MARK)) console.log(line);
    });
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (!line) return reject(new Error(`benchmark process exited ${code} without figures`));
      const { figures, error } = JSON.parse(line.slice(MARK.length)) as {
        figures?: Record<string, unknown>;
        error?: string;
      };
      if (error) reject(new Error(error));
      else resolve(figures!);
    });
  });
}

/** In the child: runs the benchmark body, prints its figures (or its failure) and exits. */
export async function childMain(body: () => Promise<Record<string, unknown>>): Promise<void> {
  try {
    console.log(`${MARK}${JSON.stringify({ figures: await body() })}`);
    process.exit(0);
  } catch (err) {
    console.log(`${MARK}${JSON.stringify({ error: (err as Error).message })}`);
    process.exit(1);
  }
}

export const isChild = () => process.argv.includes('--child');

/** The arguments runInChild passed to this child. */
export const childArgs = () => process.argv.slice(process.argv.indexOf('--child') + 1);

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
