/**
 * The specialist's report upload, on the confirmation page of a release link (and a task's PDF on
 * its link's page): the chosen PDF goes to a presigned POST (with a progress bar) before the form
 * is sent with its upload id, so the form's POST uses a file that is already stored. Where the
 * file is optional and none is chosen, the form goes as it is. Its words are the form's data attributes.
 */
import type { CreateUploadResponse } from '#usecases/patient/views.ts';
import { byId, postFile } from './dom.ts';

const form = document.querySelector('form') as HTMLFormElement;
const reportId = form.elements.namedItem('reportId') as HTMLInputElement;
const file = byId<HTMLInputElement>('report');
const status = byId('status');

form.addEventListener('submit', async (e) => {
  const f = file.files?.[0];
  // A required file is enforced by the browser: no file here means an optional one left out.
  if (reportId.value || !f) return;
  e.preventDefault();
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
