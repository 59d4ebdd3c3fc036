/** Conditional writes that lose a race are tried again from a fresh read. */
import { ConflictError } from '../ports.ts';

export interface RetryOptions {
  /** How many attempts in all. */
  attempts: number;
  /** Up to this many milliseconds times the attempt number, at random, between attempts. */
  jitterMs?: number;
}

/** Runs `attempt` (which reads, then writes conditionally) until it wins, or the last ConflictError. */
export async function retryOnConflict<T>(
  options: RetryOptions,
  attempt: (n: number) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ConflictError) || n >= options.attempts) throw err;
      // Racers that retry at once collide again: spread them out.
      if (options.jitterMs)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * options.jitterMs! * n));
    }
  }
}
