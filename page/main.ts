// The page: a password form first; once the service accepts the password, the calls (kept
// fresh while the first page shows), the filters and, on a local service, the simulated-call
// form.
import { WRONG_PASSWORD, type Failure } from './answers';
import { DashboardClient } from './api';
import { AudioPlayers } from './audio-player';
import { tabPasswordStore, type KeyValueStorage } from './auth';
import { CallsList } from './calls-list';
import { element, required } from './dom';
import { Poller } from './poller';
import { STATUS_CHOICES, isStatusFilter, type CallFilters } from './query';
import { SimulateForm } from './simulate-form';
import type { Result } from '../src/result';

const POLL_INTERVAL_MS = 5_000;
/** After a simulated call is placed: quick enough to watch it go through the flow. */
const HURRIED_INTERVAL_MS = 1_000;
const HURRY_FOR_MS = 30_000;
const SIGNED_OUT: Failure = { kind: 'unauthorized', message: '' };

function start(): void {
  const pageProblem = required('page-problem', HTMLElement);
  showUnexpectedErrors(pageProblem);

  const signInForm = required('sign-in', HTMLFormElement);
  const passwordInput = required('password', HTMLInputElement);
  const signInProblem = required('sign-in-problem', HTMLElement);
  const signInButton = required('sign-in-submit', HTMLButtonElement);
  const dashboard = required('dashboard', HTMLElement);
  const filtersForm = required('filters', HTMLFormElement);
  const statusSelect = required('filter-status', HTMLSelectElement);
  const newestButton = required('newest-calls', HTMLButtonElement);

  for (const status of STATUS_CHOICES) {
    statusSelect.appendChild(element('option', { attributes: { value: status } }, status));
  }

  const passwords = tabPasswordStore(sessionStorageIfAny());
  let client: DashboardClient | undefined;
  /** A request still wanted after signing out (a click on a card being removed) gets the form. */
  const signedIn = <T>(
    send: (service: DashboardClient) => Promise<Result<T, Failure>>,
  ): Promise<Result<T, Failure>> =>
    client ? send(client) : Promise.resolve({ ok: false, error: SIGNED_OUT });

  const onAccessFailure = (failure: Failure) => {
    client = undefined;
    passwords.forget();
    showSignIn(failure.message);
  };
  const players = new AudioPlayers(
    (path) => signedIn((service) => service.audio(path)),
    () => onAccessFailure({ kind: 'unauthorized', message: WRONG_PASSWORD }),
  );
  const calls = new CallsList(
    {
      list: required('calls', HTMLOListElement),
      summary: required('calls-summary', HTMLElement),
      problem: required('calls-problem', HTMLElement),
      older: required('older-calls', HTMLButtonElement),
      newest: newestButton,
    },
    {
      fetchCalls: (path) => signedIn((service) => service.calls(path)),
      audioSlot: (recording) => players.slotFor(recording),
      onAccessFailure,
      now: () => Date.now(),
    },
  );
  const poller = new Poller(
    () => calls.refreshFirstPage(),
    { intervalMs: POLL_INTERVAL_MS, hurriedIntervalMs: HURRIED_INTERVAL_MS },
    {
      isHidden: () => document.hidden,
      onVisibilityChange: (listener) => document.addEventListener('visibilitychange', listener),
      setTimer: (callback, ms) => window.setTimeout(callback, ms),
      clearTimer: (timer) => window.clearTimeout(timer as number),
      now: () => Date.now(),
    },
  );
  const simulateForm = new SimulateForm(
    required('simulate', HTMLFormElement),
    required('simulate-outcome', HTMLElement),
    {
      available: () => client?.simulationAvailable() ?? Promise.resolve(false),
      place: (call) => signedIn((service) => service.placeSimulatedCall(call)),
      // The new call is on the first page: go back to it and follow the call closely.
      onPlacing: () => {
        if (!calls.onFirstPage) void calls.showFirstPage(readFilters(filtersForm));
        poller.hurry(HURRY_FOR_MS);
      },
      onPlaced: () => poller.hurry(HURRY_FOR_MS),
      onAccessFailure,
    },
  );

  function showSignIn(message: string): void {
    poller.stop();
    calls.clear();
    players.clear();
    simulateForm.hide();
    dashboard.hidden = true;
    signInForm.hidden = false;
    signInProblem.textContent = message;
    passwordInput.value = '';
    passwordInput.focus();
  }

  async function signIn(password: string): Promise<void> {
    client = new DashboardClient(password);
    signInProblem.textContent = '';
    signInButton.disabled = true;
    const outcome = await calls.showFirstPage(readFilters(filtersForm));
    signInButton.disabled = false;
    if (outcome !== 'shown') {
      // Access failures have brought the form back already; anything else is shown on it.
      if (typeof outcome === 'object' && outcome.kind === 'error') {
        signInForm.hidden = false;
        signInProblem.textContent = outcome.message;
      }
      return;
    }
    passwords.write(password);
    signInForm.hidden = true;
    dashboard.hidden = false;
    poller.start();
    await simulateForm.reveal();
  }

  signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void signIn(passwordInput.value);
  });
  required('sign-out', HTMLButtonElement).addEventListener('click', () => {
    client = undefined;
    passwords.forget();
    showSignIn('');
  });
  filtersForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void calls.showFirstPage(readFilters(filtersForm));
  });
  // "reset" fires before the fields are cleared: read them once they are.
  filtersForm.addEventListener('reset', () =>
    window.setTimeout(() => void calls.showFirstPage(readFilters(filtersForm)), 0),
  );
  newestButton.addEventListener('click', () => void calls.showFirstPage(readFilters(filtersForm)));

  const remembered = passwords.read();
  if (remembered) void signIn(remembered);
  else showSignIn('');
}

function readFilters(form: HTMLFormElement): CallFilters {
  const fields = new FormData(form);
  const status = String(fields.get('status') ?? '');
  return {
    callSid: String(fields.get('callSid') ?? ''),
    status: isStatusFilter(status) ? status : undefined,
    date: String(fields.get('date') ?? ''),
  };
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
