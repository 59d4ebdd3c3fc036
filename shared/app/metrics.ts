/**
 * Business metrics: the audit events operations watch (cases created, submitted, released, failed;
 * waits escalated or timed out; documents rejected; emails bounced) counted as CloudWatch metrics
 * through Powertools' embedded metric format, one log line per event, so dashboards and alarms
 * see the service as patients do. Names only, never a case id: an id as a dimension would be a
 * metric per case.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AuditEvent } from '#domain/model.ts';

/** Audit action → metric name; the actions not listed are not business events. */
export const BUSINESS_METRICS: Readonly<Record<string, string>> = {
  case_created: 'CasesCreated',
  submit: 'CasesSubmitted',
  release: 'ReportsReleased',
  reject: 'CasesRejected',
  expire: 'CasesExpired',
  cancel: 'CasesCancelled',
  fail: 'CasesFailed',
  time_out: 'WaitsTimedOut',
  escalated: 'WaitsEscalated',
  delay_notified: 'DelaysNotified',
  document_received: 'DocumentsReceived',
  document_rejected: 'DocumentsRejected',
  document_failed: 'DocumentsFailed',
  email_failed: 'EmailsFailed',
  email_bounced: 'EmailsBounced',
  email_complaint: 'EmailsBounced',
};

/** Namespace and service from the function's environment (POWERTOOLS_METRICS_NAMESPACE: one per stage). */
export const metrics = new Metrics();

/** Counts `event` when it is a business event; published at once, whatever the handler does next. */
export function countBusinessEvent(event: AuditEvent, sink: Metrics = metrics): void {
  const name = BUSINESS_METRICS[event.action];
  if (!name) return;
  sink.singleMetric().addMetric(name, MetricUnit.Count, 1);
}
