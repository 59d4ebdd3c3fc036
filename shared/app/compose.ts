/**
 * How the Lambdas get their dependencies: each function composes only the ports its use cases take
 * (the wiring of each is in ./wiring/), so its bundle carries, and its cold start loads, no adapter,
 * SDK client, email words or renderer it never uses; the use cases' Pick<UseCaseDeps, ...>
 * signatures make a missing port a type error. Built once per cold start from the config; tests
 * and the local stack replace parts (a manual or accelerated clock, a fake mailer) through
 * overrideDeps, which every composition sees on its next call.
 */

import type { Mailer } from '#adapters/ses.ts';
import { acceleratedClock, systemClock } from '#domain/clock.ts';
import type { NoticeKind, Notifier } from '#usecases/notices.ts';
import type { UseCaseDeps } from '#usecases/ports.ts';
import { type Config, config } from './config.ts';

export interface Deps extends UseCaseDeps {
  /** Where the notifier's emails go. */
  mailer: Mailer;
}

/** Every dependency but the two each function has (config, clock). */
export type Port = Exclude<keyof Deps, 'config' | 'clock'>;

/** A port as a function holds it: its notifier may write only some notice kinds (Notifier<N>). */
type Held<P extends Port> = P extends 'notifier' ? Notifier<never> : Deps[P];

/** Builds a port from the config and the ports listed before it. */
type Builder<T> = (c: Config, built: Partial<Deps>) => T;

/**
 * How ports are built: from the config and the ports listed before them (the notifier sends through
 * the mailer in use), each at most once per composition. A notifier writes the notice kinds N.
 */
export type Wiring<K extends Port, N extends NoticeKind = never> = {
  [P in K]: Builder<P extends 'notifier' ? Notifier<N> : Deps[P]>;
};

/** What a composition gives: config, clock and what each builder of the wiring W returns. */
export type Composed<W> = Pick<Deps, 'config' | 'clock'> & {
  [P in keyof W]: W[P] extends (...args: never[]) => infer T ? T : never;
};

let overrides: Partial<Deps> = {};
/** Bumped by overrideDeps and resetDeps: compositions built before rebuild on their next call. */
let generation = 0;

/** A function's dependencies: config, clock and the wired ports, built on first call (the cold start). */
export function composeDeps<W extends { [P in Port]?: Builder<Held<P>> }>(wiring: W): () => Composed<W> {
  let built: Composed<W> | undefined;
  let builtIn = -1;
  return () => {
    if (!built || builtIn !== generation) {
      const c = overrides.config ?? config();
      const parts: Partial<Deps> = {
        config: c,
        clock: overrides.clock ?? (c.CLOCK_SPEED === 1 ? systemClock : acceleratedClock(c.CLOCK_SPEED)),
      };
      for (const port of Object.keys(wiring) as Port[]) {
        (parts as Record<Port, unknown>)[port] = overrides[port] ?? wiring[port]?.(c, parts);
      }
      built = parts as Composed<W>;
      builtIn = generation;
    }
    return { ...built };
  };
}

/** Replaces parts of the dependencies (tests, the local stack's clock); resetDeps undoes it. */
export function overrideDeps(parts: Partial<Deps>): void {
  overrides = { ...overrides, ...parts };
  generation++;
}

export function resetDeps(): void {
  overrides = {};
  generation++;
}
