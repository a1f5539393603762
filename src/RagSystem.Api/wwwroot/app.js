// Entry point of the page: settings, the error banner, and the Ask, Documents and Jobs panels.
import { settings } from './api.js';
import { setUpAsk } from './ask.js';
import { setUpLibrary, loadDocuments } from './library.js';

const banner = document.getElementById('error');

/** Shows an API failure where it cannot be missed (role=alert is announced by screen readers). */
function showError(message) {
  banner.textContent = message;
  banner.hidden = false;
}

const key = document.getElementById('api-key');
const topK = document.getElementById('top-k');
key.value = settings.key;
topK.value = settings.topK;
document.getElementById('settings-form').addEventListener('submit', event => {
  event.preventDefault();
  settings.key = key.value.trim();
  settings.topK = Math.min(50, Math.max(1, Number(topK.value) || 8));
  banner.hidden = true;
  document.getElementById('settings-status').textContent = 'Saved.';
  loadDocuments(showError);
});

// An earlier failure's message (a 429, say) no longer applies once the page asks again.
setUpAsk(showError, () => { banner.hidden = true; });
setUpLibrary(showError);
