// The Ask panel: streams an answer from POST /v1/query, links [n] markers to their sources, keeps the conversation in
// local storage and sends its earlier turns as history, so the API rewrites a follow-up to stand alone ("searched for: …").
import { settings, streamQuery, documentInfo, openOriginal } from './api.js';

const historyKey = 'rag.conversation';
// Within the API's limits (20 turns; answers up to 8,000 characters); the rewriter reads only the last few turns anyway.
const sentTurns = 10;
const sentAnswerChars = 2000;
const modeText = {
  generative: 'Generative answer',
  extractive: 'Extractive answer — no generator installed',
  not_found: 'Not found in the documents',
};
let controller = null;
let turnCount = 0;
let hold = 0;
let held = false;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** Writes answer text with each [n] made a link to source n of this turn. */
function renderAnswer(target, text, turnId) {
  target.replaceChildren();
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    target.append(text.slice(last, match.index));
    target.append(el('a', { href: `#${turnId}-src-${match[1]}`, className: 'cite', textContent: match[0] }));
    last = match.index + match[0].length;
  }
  target.append(text.slice(last));
}

/** The passage with its quoted sentence highlighted. */
function passage(citation) {
  const text = citation.text ?? '';
  const quote = citation.quote;
  const at = quote ? text.indexOf(quote) : -1;
  const block = el('blockquote', { className: 'passage' });
  if (at < 0) block.append(text);
  else block.append(text.slice(0, at), el('mark', { textContent: quote }), text.slice(at + quote.length));
  return block;
}

/** For a PDF passage: a link that opens the original at its page, or a note that an upload kept no original. */
async function originalLink(citation, showError) {
  const info = await documentInfo(citation.document_id);
  if (!info.original_url) return el('span', { className: 'note', textContent: ' (uploaded: no original file is kept)' });
  const fragment = `#page=${citation.page}`;
  const link = el('a', { className: 'original', href: info.original_url + fragment, target: '_blank', rel: 'noopener',
    textContent: `Open PDF at page ${citation.page}` });
  link.setAttribute('aria-label', `Open PDF at page ${citation.page}: ${citation.source} (new tab)`);
  link.addEventListener('click', event => {
    if (!settings.key) return;
    event.preventDefault();
    openOriginal(info.original_url, fragment).catch(error => showError(error.message));
  });
  return el('span', {}, ' ', link);
}

/** "page 7–8", with the printed label when the document numbers its pages differently ("page 7 (printed v)"). */
function pages(c) {
  if (!c.page) return null;
  const range = `page ${c.page}${c.page_end && c.page_end !== c.page ? `–${c.page_end}` : ''}`;
  return c.page_label && c.page_label !== String(c.page) ? `${range} (printed ${c.page_label})` : range;
}

/** A badge for a passage whose text was read by OCR from a scan, so a reader knows its quote may hold recognition errors. */
function ocrBadge(c) {
  const confidence = typeof c.ocr_confidence === 'number' ? ` ${Math.round(c.ocr_confidence * 100)} %` : '';
  const badge = el('span', { className: 'badge', textContent: `OCR${confidence}` });
  badge.title = `Text read by OCR from a scan${confidence ? ` (mean confidence${confidence})` : ''}; the quote may contain recognition errors`;
  return badge;
}

function renderSources(list, citations, turnId, showError) {
  list.replaceChildren(...citations.map(c => {
    const where = [c.source, pages(c), c.heading].filter(Boolean).join(' · ');
    const item = el('li', { id: `${turnId}-src-${c.n}`, tabIndex: -1 }, el('strong', { textContent: `[${c.n}] ` }), where);
    if (c.ocr) item.append(' ', ocrBadge(c));
    if (c.document_id && c.page && /\.pdf$/i.test(c.source)) {
      const slot = el('span');
      item.append(slot);
      originalLink(c, showError).then(node => slot.replaceWith(node), () => slot.remove());
    }
    item.append(passage(c));
    item.value = c.n;
    return item;
  }));
}

function addTurn(question) {
  const turnId = `t${Date.now().toString(36)}${turnCount++}`;
  const answer = el('div', { className: 'answer' });
  const mode = el('span', { className: 'mode', textContent: 'Answering…' });
  const sources = el('ol', { className: 'sources', ariaLabel: 'Sources' });
  const searched = el('p', { className: 'searched', hidden: true });
  const turn = el('article', { className: 'turn' }, el('p', { className: 'question', textContent: question }), searched, mode, answer, sources);
  document.getElementById('conversation').append(turn);
  return { turnId, answer, mode, sources, searched };
}

/** Shows the standalone question the API searched for, when it differs from what was typed. */
function showSearched(view, question, searched) {
  view.searched.hidden = !searched || searched === question;
  view.searched.textContent = `Searched for: ${searched}`;
}

function saveTurn(record) {
  const history = loadHistory();
  history.push(record);
  localStorage.setItem(historyKey, JSON.stringify(history));
}

function loadHistory() {
  try { return JSON.parse(localStorage.getItem(historyKey) ?? '[]'); } catch { return []; }
}

function restore(showError) {
  for (const record of loadHistory()) {
    const view = addTurn(record.question);
    renderAnswer(view.answer, record.answer, view.turnId);
    view.mode.textContent = modeText[record.mode] ?? record.mode;
    showSearched(view, record.question, record.searched);
    renderSources(view.sources, record.citations ?? [], view.turnId, showError);
  }
}

/** After a 429, keeps the Ask button disabled for the seconds the server's Retry-After asked, then says asking works again. */
function holdAsking(seconds, view) {
  const token = ++hold;
  held = true;
  view.mode.textContent = `Too many requests: you can ask again in ${seconds} s`;
  setTimeout(() => {
    if (token !== hold) return;
    held = false;
    document.getElementById('ask-button').disabled = controller !== null;
    view.mode.textContent = 'Too many requests: you can ask again now';
  }, seconds * 1000);
}

async function ask(question, showError) {
  const view = addTurn(question);
  const buttons = { ask: document.getElementById('ask-button'), stop: document.getElementById('stop-button') };
  controller = new AbortController();
  buttons.ask.disabled = true;
  buttons.stop.disabled = false;
  let text = '';
  let final = null;
  const history = loadHistory().slice(-sentTurns).map(t => ({ question: t.searched ?? t.question, answer: (t.answer ?? '').slice(0, sentAnswerChars) }));
  try {
    const request = { question, top_k: settings.topK };
    if (history.length) request.history = history;
    await streamQuery(request, controller.signal, (name, data) => {
      if (name === 'question') showSearched(view, question, data.question);
      else if (name === 'citations') renderSources(view.sources, data.citations, view.turnId, showError);
      else if (name === 'token') { text += data.text; renderAnswer(view.answer, text, view.turnId); }
      else if (name === 'done') {
        final = data;
        renderAnswer(view.answer, data.answer, view.turnId);
        renderSources(view.sources, data.citations, view.turnId, showError);
        view.mode.textContent = modeText[data.mode] ?? data.mode;
      } else if (name === 'error') throw new Error(`${data.title ?? 'Error'}: ${data.detail ?? ''}`);
    });
    if (final) saveTurn({ question, searched: final.question, answer: final.answer, mode: final.mode, citations: final.citations });
  } catch (error) {
    if (error.name === 'AbortError') view.mode.textContent = 'Stopped';
    else {
      view.mode.textContent = 'Failed';
      showError(error.message);
      if (error.status === 429 && error.retryAfter) holdAsking(error.retryAfter, view);
    }
  } finally {
    controller = null;
    buttons.ask.disabled = held;
    buttons.stop.disabled = true;
  }
}

export function stop() { controller?.abort(); }

/** Wires the Ask panel; clearError hides the page's error message when a new question is sent. */
export function setUpAsk(showError, clearError) {
  const form = document.getElementById('ask-form');
  const box = document.getElementById('question');
  restore(showError);
  form.addEventListener('submit', event => {
    event.preventDefault();
    const question = box.value.trim();
    if (!question || controller || held) return;
    box.value = '';
    clearError();
    ask(question, showError);
  });
  box.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  document.addEventListener('keydown', event => { if (event.key === 'Escape') stop(); });
  document.getElementById('stop-button').addEventListener('click', stop);
  document.getElementById('new-conversation').addEventListener('click', () => {
    stop();
    localStorage.removeItem(historyKey);
    document.getElementById('conversation').replaceChildren();
    box.focus();
  });
}
