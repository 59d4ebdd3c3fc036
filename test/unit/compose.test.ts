import { afterEach, describe, expect, it } from 'vitest';
import type { Mailer } from '#adapters/ses.ts';
import { composeDeps, overrideDeps, resetDeps, type Wiring } from '#app/compose.ts';
import { parseConfig } from '#app/config.ts';
import { manualClock } from '#domain/clock.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import type { Notifier } from '#usecases/notices.ts';

const config = parseConfig(VALID_ENV);
const mailer = (name: string) => ({ name }) as unknown as Mailer;

/** A wiring that counts its builds and makes the notifier from the mailer built or overridden before it. */
function counted() {
  const builds = { mailer: 0, notifier: 0 };
  const wiring: Wiring<'mailer' | 'notifier'> = {
    mailer: () => {
      builds.mailer++;
      return mailer('ses');
    },
    notifier: (_, built) => {
      builds.notifier++;
      return { via: built.mailer } as unknown as Notifier;
    },
  };
  return { builds, wiring };
}

describe('composeDeps', () => {
  afterEach(() => resetDeps());

  it('builds the wired ports once, with the config and a clock, and nothing it was not given', () => {
    overrideDeps({ config });
    const { builds, wiring } = counted();
    const deps = composeDeps(wiring);
    const first = deps();
    expect(deps().mailer).toBe(first.mailer);
    expect(builds).toEqual({ mailer: 1, notifier: 1 });
    expect(Object.keys(first).sort()).toEqual(['clock', 'config', 'mailer', 'notifier']);
    expect(first.config).toBe(config);
    expect(typeof first.clock.now).toBe('function');
  });

  it('sees overrides made after it was built, the notifier sending through the mailer in use', () => {
    overrideDeps({ config });
    const { wiring } = counted();
    const deps = composeDeps(wiring);
    expect((deps().notifier as unknown as { via: { name: string } }).via.name).toBe('ses');
    const fake = mailer('fake');
    const clock = manualClock(new Date('2026-03-02T08:00:00Z'));
    overrideDeps({ mailer: fake, clock });
    expect(deps().mailer).toBe(fake);
    expect(deps().clock).toBe(clock);
    expect((deps().notifier as unknown as { via: unknown }).via).toBe(fake);
    resetDeps();
    overrideDeps({ config });
    expect(deps().mailer).not.toBe(fake);
    expect(deps().clock).not.toBe(clock);
  });
});
