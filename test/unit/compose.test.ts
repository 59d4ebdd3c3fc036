import { afterEach, describe, expect, it } from 'vitest';
import type { EmailMessage, Mailer } from '#adapters/ses.ts';
import { composeDeps, overrideDeps, resetDeps, type Wiring } from '#app/compose.ts';
import { parseConfig } from '#app/config.ts';
import { emailOnFirstNotice } from '#app/wiring/email-on-first-notice.ts';
import { manualClock } from '#domain/clock.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import type { Notice, Notifier } from '#usecases/notices.ts';

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

describe('emailOnFirstNotice', () => {
  afterEach(() => resetDeps());

  const notice = (language: 'en' | 'it'): Notice<'case_link'> => ({
    kind: 'case_link',
    to: { kind: 'person', email: 'anna@example.com', name: 'Anna Rossi', language },
    caseId: 'c-1',
    data: { reference: 'SO-2026-0001', caseUrl: 'https://so.example/case/c-1#token=t' },
  });

  /** Its words as `load` gives them, and how often it was asked for them (a failure first, if told). */
  function loader(failures = 0) {
    const calls = { n: 0 };
    const load = async () => {
      calls.n++;
      if (calls.n <= failures) throw new Error('chunk not loaded');
      const { case_link } = await import('#presentation/i18n/email-words.ts');
      return { case_link };
    };
    return { calls, load };
  }

  function sent() {
    const messages: EmailMessage[] = [];
    overrideDeps({
      config,
      mailer: {
        send: async (m: EmailMessage) => {
          messages.push(m);
          return { messageId: `m-${messages.length}` };
        },
      },
    });
    return messages;
  }

  it('loads the words on the first notice, once, and sends each in its reader’s language through the mailer in use', async () => {
    const messages = sent();
    const { calls, load } = loader();
    const deps = composeDeps(emailOnFirstNotice(load));
    const { notifier } = deps();
    expect(calls.n).toBe(0);
    await notifier.notify(notice('it'));
    await notifier.notify(notice('en'));
    expect(calls.n).toBe(1);
    expect(messages.map((m) => m.to)).toEqual([['anna@example.com'], ['anna@example.com']]);
    expect(messages.map((m) => m.text.split(' ')[0])).toEqual(['Gentile', 'Dear']);
    expect(messages[0]!.text).toContain('https://so.example/case/c-1#token=t');
    expect(messages[0]!.tags).toEqual({ kind: 'case_link', caseId: 'c-1' });
  });

  it('tries a load that failed again on the next notice', async () => {
    const messages = sent();
    const { calls, load } = loader(1);
    const { notifier } = composeDeps(emailOnFirstNotice(load))();
    await expect(notifier.notify(notice('en'))).rejects.toThrow('chunk not loaded');
    expect(messages).toEqual([]);
    await notifier.notify(notice('en'));
    expect(calls.n).toBe(2);
    expect(messages).toHaveLength(1);
  });
});
