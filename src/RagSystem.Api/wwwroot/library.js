// The Documents and Jobs panels: paged list with name search, upload, delete; folder ingestion with a polled progress bar.
// Failed documents are listed too (include=failed), with their reason. GET /v1/documents has no name filter, so a search reads every page (500 at a time) and filters here.
import { call } from './api.js';

const pageSize = 20;
let offset = 0;

async function allDocuments() {
  const items = [];
  for (let at = 0; ; at += 500) {
    const page = await call(`/v1/documents?offset=${at}&limit=500&include=failed`);
    items.push(...page.items);
    if (at + 500 >= page.total) return items;
  }
}

/** The status cell: indexed with its chunk count, or failed with the reason; an OCR badge when its text came from OCR
 * (the API's document JSON carries ocr or ocr_pages once the store records it). */
function statusCell(d) {
  const cell = document.createElement('td');
  const chunks = `${d.chunk_count} chunk${d.chunk_count === 1 ? '' : 's'}`;
  if (d.status === 'failed') {
    const text = `Failed: ${d.failure?.reason ?? 'unknown reason'}${d.format ? ` (the earlier version stays indexed, ${chunks})` : ''}`;
    cell.append(Object.assign(document.createElement('span'), { className: 'status failed', textContent: text }));
  } else {
    cell.append(Object.assign(document.createElement('span'), { className: 'status indexed', textContent: `Indexed (${chunks})` }));
  }
  if (d.ocr === true || d.ocr_pages > 0) {
    const badge = Object.assign(document.createElement('span'), { className: 'badge', textContent: 'OCR' });
    badge.title = d.ocr_pages > 0 ? `Text of ${d.ocr_pages} page(s) recognised by OCR` : 'Text recognised by OCR';
    cell.append(' ', badge);
  }
  return cell;
}

async function loadDocuments(showError) {
  const search = document.getElementById('doc-search').value.trim().toLowerCase();
  let items, total;
  try {
    if (search) {
      const matching = (await allDocuments()).filter(d => d.path.toLowerCase().includes(search) || (d.title ?? '').toLowerCase().includes(search));
      total = matching.length;
      items = matching.slice(offset, offset + pageSize);
    } else {
      const page = await call(`/v1/documents?offset=${offset}&limit=${pageSize}&include=failed`);
      ({ items, total } = page);
    }
  } catch (error) { showError(error.message); return; }
  const rows = items.map(d => {
    const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Delete' });
    remove.setAttribute('aria-label', `Delete ${d.path}`);
    remove.addEventListener('click', async () => {
      if (!confirm(`Delete ${d.path} and its passages from the index?`)) return;
      try { await call(`/v1/documents/${encodeURIComponent(d.id)}`, { method: 'DELETE' }); } catch (error) { showError(error.message); }
      loadDocuments(showError);
    });
    const row = document.createElement('tr');
    row.append(Object.assign(document.createElement('td'), { textContent: d.path }));
    row.append(Object.assign(document.createElement('td'), { textContent: d.format ?? '' }));
    row.append(statusCell(d));
    row.append(Object.assign(document.createElement('td'), { textContent: new Date(d.ingested_utc).toLocaleString() }));
    const actions = document.createElement('td');
    // A document that failed before it was ever stored has nothing to delete.
    if (d.format) actions.append(remove);
    row.append(actions);
    return row;
  });
  document.querySelector('#doc-table tbody').replaceChildren(...rows);
  const last = Math.min(offset + pageSize, total);
  document.getElementById('doc-page').textContent = total ? `${offset + 1}–${last} of ${total}` : 'No documents';
  document.getElementById('doc-prev').disabled = offset === 0;
  document.getElementById('doc-next').disabled = last >= total;
}

async function upload(files, showError) {
  if (!files.length) return;
  const status = document.getElementById('upload-status');
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  status.textContent = `Uploading ${files.length} file(s)…`;
  try {
    const result = await call('/v1/documents', { method: 'POST', body: form });
    if (result.documents) {
      const failures = result.failures.map(f => `${f.path}: ${f.reason}`).join('; ');
      status.textContent = `Uploaded ${result.documents.map(d => d.path).join(', ') || 'nothing'}${failures ? `. Failed: ${failures}` : ''}`;
    } else {
      status.textContent = 'Large upload: ingesting as a job.';
      watchJob(result, showError);
    }
  } catch (error) { status.textContent = 'Upload failed.'; showError(error.message); }
  loadDocuments(showError);
}

let watched = null;

function showJob(job) {
  const p = job.progress;
  const percent = job.state === 'succeeded' ? 100 : p.files_total ? Math.round(100 * p.files_done / p.files_total) : 0;
  document.getElementById('job').hidden = false;
  document.getElementById('job-progress').value = percent;
  document.getElementById('job-status').textContent =
    `${job.state}: ${p.files_done}/${p.files_total} documents (${percent}%)${p.current_file && job.state === 'running' ? `, now ${p.current_file}` : ''}${job.error ? ` — ${job.error}` : ''}`;
  document.getElementById('job-failures').replaceChildren(...job.failures.map(f =>
    Object.assign(document.createElement('li'), { textContent: `Failed: ${f.path} — ${f.reason}` })));
  document.getElementById('job-cancel').disabled = ['succeeded', 'failed', 'cancelled'].includes(job.state);
}

async function watchJob(job, showError) {
  watched = job.id;
  showJob(job);
  while (watched === job.id && !['succeeded', 'failed', 'cancelled'].includes(job.state)) {
    await new Promise(resolve => setTimeout(resolve, 500));
    try { job = await call(`/v1/ingestions/${job.id}`); } catch (error) { showError(error.message); return; }
    showJob(job);
  }
  loadDocuments(showError);
}

/** Wires the Documents and Jobs panels. */
export function setUpLibrary(showError) {
  const search = document.getElementById('doc-search');
  let timer = 0;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { offset = 0; loadDocuments(showError); }, 250); });
  document.getElementById('doc-prev').addEventListener('click', () => { offset = Math.max(0, offset - pageSize); loadDocuments(showError); });
  document.getElementById('doc-next').addEventListener('click', () => { offset += pageSize; loadDocuments(showError); });
  const picker = document.getElementById('file-picker');
  picker.addEventListener('change', () => { upload([...picker.files], showError); picker.value = ''; });
  const zone = document.getElementById('drop-zone');
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', event => { event.preventDefault(); zone.classList.remove('over'); upload([...event.dataTransfer.files], showError); });
  document.getElementById('job-form').addEventListener('submit', async event => {
    event.preventDefault();
    try { watchJob(await call('/v1/ingestions', { method: 'POST', json: { path: document.getElementById('job-path').value } }), showError); }
    catch (error) { showError(error.message); }
  });
  document.getElementById('job-cancel').addEventListener('click', async () => {
    if (!watched) return;
    try { showJob(await call(`/v1/ingestions/${watched}`, { method: 'DELETE' })); } catch (error) { showError(error.message); }
  });
  loadDocuments(showError);
}

export { loadDocuments };
