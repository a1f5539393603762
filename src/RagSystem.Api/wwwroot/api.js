// Calls to the RagSystem REST API: the key from session storage as X-Api-Key, and every failure as an ApiError whose
// message a person can read (ProblemDetails title and detail, or what the status means).

export const settings = {
  get key() { return sessionStorage.getItem('rag.apiKey') ?? ''; },
  set key(value) { sessionStorage.setItem('rag.apiKey', value); },
  get topK() { return Number(sessionStorage.getItem('rag.topK') ?? 8); },
  set topK(value) { sessionStorage.setItem('rag.topK', String(value)); },
};

export class ApiError extends Error {
  /** retryAfter: for a 429 or 503, the seconds the server's Retry-After header asks to wait, else null. */
  constructor(status, message, retryAfter = null) { super(message); this.status = status; this.retryAfter = retryAfter; }
}

const statusMeaning = {
  401: 'The API key is missing or wrong: set it under Settings.',
  403: 'This API key may only query and search.',
  413: 'The upload is too large for the server.',
  429: 'Too many requests: wait a moment and try again.',
};

function headers(extra = {}) {
  const h = { ...extra };
  if (settings.key) h['X-Api-Key'] = settings.key;
  return h;
}

/** Retry-After as seconds (it may also be an HTTP date), or null. */
function retryAfterSeconds(response) {
  const value = response.headers.get('Retry-After');
  if (!value) return null;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(1, seconds) : null;
}

async function failure(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON: fall back to the status */ }
  const retryAfter = retryAfterSeconds(response);
  const meaning = response.status === 429 && retryAfter ? `Too many requests: try again in ${retryAfter} s.` : statusMeaning[response.status];
  // A title the status meaning already starts with ("Too many requests") is not said twice; the detail says what to do.
  const title = problem?.title && !(meaning ?? '').startsWith(problem.title) ? problem.title : null;
  const parts = [meaning, title, problem?.detail].filter(Boolean);
  return new ApiError(response.status, `${response.status}: ${parts.length ? parts.join(' — ') : response.statusText}`, retryAfter);
}

/** Sends a request; resolves to parsed JSON (or null for 204), rejects with ApiError. */
export async function call(path, { method = 'GET', json, body, signal } = {}) {
  const init = { method, signal, headers: headers(json ? { 'Content-Type': 'application/json' } : {}) };
  if (json !== undefined) init.body = JSON.stringify(json);
  if (body !== undefined) init.body = body;
  const response = await fetch(path, init);
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

/** POST /v1/query as Server-Sent Events, read with fetch (EventSource cannot POST); calls onEvent(name, data) per event.
 * It asks for the stream with stream: true rather than Accept: text/event-stream, so that errors raised before the stream
 * starts (400, 401, 429) come back as ProblemDetails JSON the page can read. */
export async function streamQuery(request, signal, onEvent) {
  const response = await fetch('/v1/query', {
    method: 'POST', signal,
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify({ ...request, stream: true }),
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

const documents = new Map();

/** GET /v1/documents/{id}, remembered for the page's lifetime (citations of one document share it). */
export function documentInfo(id) {
  if (!documents.has(id)) documents.set(id, call(`/v1/documents/${encodeURIComponent(id)}`).catch(error => { documents.delete(id); throw error; }));
  return documents.get(id);
}

/** Opens a document's original in a new tab. A link cannot send the X-Api-Key header, so with a key set the file is
 * fetched here and shown from a blob: URL; the #page=N fragment still tells the PDF viewer where to open. The tab is
 * opened before the fetch, while the click still counts as a user gesture (popup blockers). */
export async function openOriginal(url, fragment) {
  const tab = window.open('', '_blank');
  try {
    const response = await fetch(url, { headers: headers() });
    if (!response.ok) throw await failure(response);
    const address = URL.createObjectURL(await response.blob()) + fragment;
    if (tab) tab.location.href = address; else window.open(address, '_blank');
  } catch (error) {
    tab?.close();
    throw error;
  }
}
