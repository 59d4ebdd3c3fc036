import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countBusinessEvent } from '#app/metrics.ts';

/** What the sink printed, as EMF documents. */
function printed(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map((c) => JSON.parse(String(c[0])));
}

describe('business metrics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts a released report as one ReportsReleased in the embedded metric format, without the case id', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const sink = new Metrics({ namespace: 'SecondOpinionTest', serviceName: 'second-opinion' });
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    countBusinessEvent(
      { caseId: 'case-123', at: '2026-12-02T09:00:00.000Z', actor: 'spec-1', action: 'release' },
      sink,
    );
    const docs = printed(spy);
    vi.unstubAllEnvs();
    expect(docs).toHaveLength(1);
    const emf = docs[0]!;
    expect(emf.ReportsReleased).toBe(1);
    expect(emf._aws).toMatchObject({
      CloudWatchMetrics: [
        { Namespace: 'SecondOpinionTest', Metrics: [{ Name: 'ReportsReleased', Unit: 'Count' }] },
      ],
    });
    expect(JSON.stringify(emf)).not.toContain('case-123');
  });

  it('prints nothing for an audit event that is not a business event', () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const sink = new Metrics({ namespace: 'SecondOpinionTest', serviceName: 'second-opinion' });
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    countBusinessEvent(
      { caseId: 'c', at: '2026-12-02T09:00:00.000Z', actor: 'system', action: 'wait_opened' },
      sink,
    );
    vi.unstubAllEnvs();
    expect(spy).not.toHaveBeenCalled();
  });
});
