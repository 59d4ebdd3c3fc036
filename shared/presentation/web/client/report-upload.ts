/**
 * The specialist's report upload, on the confirmation page of a release link: the chosen PDF goes
 * to a presigned POST (with a progress bar) before the form is sent with its report id, so the
 * form's POST releases a report that is already stored. Its words are the form's data attributes.
 */
import type { CreateUploadResponse } from '#usecases/patient/views.ts';
import { byId, postFile } from './dom.ts';

const form = document.querySelector('form') as HTMLFormElement;
const reportId = form.elements.namedItem('reportId') as HTMLInputElement;
const file = byId<HTMLInputElement>('report');
const status = byId('status');

form.addEventListener('submit', async (e) => {
  if (reportId.value) return;
  e.preventDefault();
  const f = file.files?.[0];
  if (!f) return;
  status.textContent = form.dataset.uploading ?? '';
  try {
    const r = await fetch(`${location.pathname}/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileName: f.name, contentType: 'application/pdf', sizeBytes: f.size }),
    });
    if (!r.ok) throw new Error(String(r.status));
    const answer = (await r.json()) as { reportId: string; upload: CreateUploadResponse['upload'] };
    const progress = byId<HTMLProgressElement>('progress');
    progress.hidden = false;
    const ok = await postFile(answer.upload, f, (percent) => {
      progress.value = percent;
    });
    if (!ok) throw new Error('upload failed');
    reportId.value = answer.reportId;
    form.submit();
  } catch {
    status.textContent = form.dataset.failed ?? '';
  }
});
