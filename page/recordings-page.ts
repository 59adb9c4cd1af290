// The page once started: the password form first; once the service accepts the password, the
// calls (kept fresh while the first page shows), the filters, each call's actions and, on a
// local service, the simulated-call form. Every part is made here and wired to the others.
import type { Result } from '../src/result';
import { WRONG_PASSWORD, type Failure } from './answers';
import { DashboardClient } from './api';
import { AudioPlayers } from './audio-player';
import { tabPasswordStore, type KeyValueStorage, type PasswordStore } from './auth';
import { CallsList } from './calls-list';
import { required } from './dom';
import { EraseActions } from './erase-action';
import { Poller } from './poller';
import { isStatusFilter, type CallFilters } from './query';
import { SimulateForm } from './simulate-form';

const POLL_INTERVAL_MS = 5_000;
/** After a simulated call is placed: quick enough to watch it go through the flow. */
const HURRIED_INTERVAL_MS = 1_000;
const HURRY_FOR_MS = 30_000;
const SIGNED_OUT: Failure = { kind: 'unauthorized', message: '' };

/** The static page's elements this script works with (their absence is a build mistake). */
function pageElements() {
  return {
    signInForm: required('sign-in', HTMLFormElement),
    passwordInput: required('password', HTMLInputElement),
    signInProblem: required('sign-in-problem', HTMLElement),
    signInButton: required('sign-in-submit', HTMLButtonElement),
    dashboard: required('dashboard', HTMLElement),
    filtersForm: required('filters', HTMLFormElement),
    newestButton: required('newest-calls', HTMLButtonElement),
  };
}

export class RecordingsPage {
  private client: DashboardClient | undefined;
  private readonly elements = pageElements();
  private readonly passwords: PasswordStore;
  private readonly players: AudioPlayers;
  private readonly erasers: EraseActions;
  private readonly calls: CallsList;
  private readonly poller: Poller;
  private readonly simulateForm: SimulateForm;

  constructor(storage: KeyValueStorage | undefined) {
    this.passwords = tabPasswordStore(storage);
    this.players = new AudioPlayers(
      (path) => this.signedIn((service) => service.audio(path)),
      () => this.onAccessFailure({ kind: 'unauthorized', message: WRONG_PASSWORD }),
    );
    this.erasers = new EraseActions({
      erase: (callSid, reason) => this.signedIn((service) => service.erase(callSid, reason)),
      onErased: (callSid) => void this.calls.refreshCall(callSid),
      onAccessFailure: (failure) => this.onAccessFailure(failure),
    });
    this.calls = new CallsList(
      {
        list: required('calls', HTMLOListElement),
        summary: required('calls-summary', HTMLElement),
        problem: required('calls-problem', HTMLElement),
        older: required('older-calls', HTMLButtonElement),
        newest: this.elements.newestButton,
      },
      {
        fetchCalls: (path) => this.signedIn((service) => service.calls(path)),
        audioSlot: (recording) => this.players.slotFor(recording),
        eraseSlot: (call) => this.erasers.slotFor(call),
        onAccessFailure: (failure) => this.onAccessFailure(failure),
        now: () => Date.now(),
      },
    );
    this.poller = new Poller(
      () => this.calls.refreshFirstPage(),
      { intervalMs: POLL_INTERVAL_MS, hurriedIntervalMs: HURRIED_INTERVAL_MS },
      {
        isHidden: () => document.hidden,
        onVisibilityChange: (listener) => document.addEventListener('visibilitychange', listener),
        setTimer: (callback, ms) => window.setTimeout(callback, ms),
        clearTimer: (timer) => window.clearTimeout(timer as number),
        now: () => Date.now(),
      },
    );
    this.simulateForm = this.newSimulateForm();
    this.wireControls();
  }

  /** Signs in with the password this tab remembers, or asks for one. */
  begin(): void {
    const remembered = this.passwords.read();
    if (remembered) void this.signIn(remembered);
    else this.showSignIn('');
  }

  /** A request still wanted after signing out (a click on a card being removed) gets the form. */
  private signedIn<T>(
    send: (service: DashboardClient) => Promise<Result<T, Failure>>,
  ): Promise<Result<T, Failure>> {
    return this.client ? send(this.client) : Promise.resolve({ ok: false, error: SIGNED_OUT });
  }

  private onAccessFailure(failure: Failure): void {
    this.client = undefined;
    this.passwords.forget();
    this.showSignIn(failure.message);
  }

  private newSimulateForm(): SimulateForm {
    return new SimulateForm(
      required('simulate', HTMLFormElement),
      required('simulate-outcome', HTMLElement),
      {
        available: () => this.client?.simulationAvailable() ?? Promise.resolve(false),
        place: (call) => this.signedIn((service) => service.placeSimulatedCall(call)),
        // The new call is on the first page: go back to it and follow the call closely.
        onPlacing: () => {
          if (!this.calls.onFirstPage) void this.calls.showFirstPage(this.filters());
          this.poller.hurry(HURRY_FOR_MS);
        },
        onPlaced: () => this.poller.hurry(HURRY_FOR_MS),
        onAccessFailure: (failure) => this.onAccessFailure(failure),
      },
    );
  }

  private showSignIn(message: string): void {
    const { dashboard, signInForm, signInProblem, passwordInput } = this.elements;
    this.poller.stop();
    this.calls.clear();
    this.players.clear();
    this.erasers.clear();
    this.simulateForm.hide();
    dashboard.hidden = true;
    signInForm.hidden = false;
    signInProblem.textContent = message;
    passwordInput.value = '';
    passwordInput.focus();
  }

  private async signIn(password: string): Promise<void> {
    const { dashboard, signInForm, signInProblem, signInButton } = this.elements;
    this.client = new DashboardClient(password);
    signInProblem.textContent = '';
    signInButton.disabled = true;
    const outcome = await this.calls.showFirstPage(this.filters());
    signInButton.disabled = false;
    if (outcome !== 'shown') {
      // Access failures have brought the form back already; anything else is shown on it.
      if (typeof outcome === 'object' && outcome.kind === 'error') {
        signInForm.hidden = false;
        signInProblem.textContent = outcome.message;
      }
      return;
    }
    this.passwords.write(password);
    signInForm.hidden = true;
    dashboard.hidden = false;
    this.poller.start();
    await this.simulateForm.reveal();
  }

  private wireControls(): void {
    const { signInForm, passwordInput, filtersForm, newestButton } = this.elements;
    signInForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.signIn(passwordInput.value);
    });
    required('sign-out', HTMLButtonElement).addEventListener('click', () => {
      this.client = undefined;
      this.passwords.forget();
      this.showSignIn('');
    });
    filtersForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.calls.showFirstPage(this.filters());
    });
    // "reset" fires before the fields are cleared: read them once they are.
    filtersForm.addEventListener('reset', () =>
      window.setTimeout(() => void this.calls.showFirstPage(this.filters()), 0),
    );
    newestButton.addEventListener('click', () => void this.calls.showFirstPage(this.filters()));
  }

  private filters(): CallFilters {
    const fields = new FormData(this.elements.filtersForm);
    const status = String(fields.get('status') ?? '');
    return {
      callSid: String(fields.get('callSid') ?? ''),
      status: isStatusFilter(status) ? status : undefined,
      date: String(fields.get('date') ?? ''),
    };
  }
}
