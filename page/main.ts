// The page's entry point: unexpected errors shown on the page, the filters' choices, then the
// page itself (recordings-page.ts).
import { element, required } from './dom';
import { STATUS_CHOICES } from './query';
import { RecordingsPage } from './recordings-page';
import type { KeyValueStorage } from './auth';

function start(): void {
  showUnexpectedErrors(required('page-problem', HTMLElement));
  const statusSelect = required('filter-status', HTMLSelectElement);
  for (const status of STATUS_CHOICES) {
    statusSelect.appendChild(element('option', { attributes: { value: status } }, status));
  }
  new RecordingsPage(sessionStorageIfAny()).begin();
}

/** sessionStorage, or undefined where the browser refuses it (reading it can throw). */
function sessionStorageIfAny(): KeyValueStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** A bug in the page shows as a message rather than as a page that silently stopped. */
function showUnexpectedErrors(problem: HTMLElement): void {
  const show = (reason: unknown) => {
    problem.textContent = `Something went wrong on this page: ${reason instanceof Error ? reason.message : String(reason)}. Reloading may help.`;
  };
  window.addEventListener('error', (event) => show(event.error ?? event.message));
  window.addEventListener('unhandledrejection', (event) => show(event.reason));
}

try {
  start();
} catch (error) {
  const problem = document.getElementById('page-problem');
  if (problem) {
    problem.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}.`;
  }
}
