// The list of calls: the first page (refreshed by the poller), older pages on request, and the
// cards redrawn only when their call changed, so that a refresh keeps what the reader opened.
import type { CallView, DashboardPage } from '../src/dashboard/view';
import type { Result } from '../src/result';
import type { Failure } from './answers';
import { element } from './dom';
import { callsPath, type CallFilters } from './query';
import { renderCall, type CallContext } from './render-call';

export interface CallsListElements {
  list: HTMLOListElement;
  summary: HTMLElement;
  problem: HTMLElement;
  older: HTMLButtonElement;
  newest: HTMLButtonElement;
}

export interface CallsListDependencies {
  fetchCalls(path: string): Promise<Result<DashboardPage, Failure>>;
  audioSlot: CallContext['audioSlot'];
  eraseSlot: CallContext['eraseSlot'];
  /** A failure the list cannot show itself: a wrong password, a dashboard not enabled. */
  onAccessFailure(failure: Failure): void;
  now(): number;
}

interface Card {
  fingerprint: string;
  element: HTMLElement;
}

export class CallsList {
  private calls: CallView[] = [];
  private nextPageToken: string | undefined;
  private filters: CallFilters = {};
  private olderShown = false;
  private readonly cards = new Map<string, Card>();
  /** Answers to a request made before the filters changed are dropped. */
  private generation = 0;

  constructor(
    private readonly elements: CallsListElements,
    private readonly dependencies: CallsListDependencies,
  ) {
    elements.older.addEventListener('click', () => void this.showOlder());
  }

  /** Only the first page is kept fresh: a reader paging back in time keeps what they see. */
  get onFirstPage(): boolean {
    return !this.olderShown;
  }

  /**
   * The newest calls matching `filters`. The failure is returned as well as shown, for the
   * sign-in form; 'superseded' when other filters were asked for meanwhile.
   */
  async showFirstPage(filters: CallFilters): Promise<'shown' | 'superseded' | Failure> {
    this.filters = filters;
    const generation = ++this.generation;
    this.elements.summary.textContent = 'Loading calls…';
    const answer = await this.dependencies.fetchCalls(callsPath(filters));
    if (generation !== this.generation) return 'superseded';
    if (!answer.ok) {
      this.fail(answer.error, false);
      return answer.error;
    }
    this.olderShown = false;
    this.show(answer.value.calls, answer.value.nextPageToken);
    return 'shown';
  }

  /** The poller's refresh: the first page again, leaving older pages alone. */
  async refreshFirstPage(): Promise<void> {
    if (this.olderShown) return;
    const generation = this.generation;
    const answer = await this.dependencies.fetchCalls(callsPath(this.filters));
    if (generation !== this.generation || this.olderShown) return;
    if (!answer.ok) {
      this.fail(answer.error, true);
      return;
    }
    this.show(answer.value.calls, answer.value.nextPageToken);
  }

  /** One call fetched again and redrawn where it is (after an action on it), on any page. */
  async refreshCall(callSid: string): Promise<void> {
    const generation = this.generation;
    const answer = await this.dependencies.fetchCalls(callsPath({ callSid }));
    if (generation !== this.generation) return;
    if (!answer.ok) {
      this.fail(answer.error, true);
      return;
    }
    const fresh = answer.value.calls.find((call) => call.callSid === callSid);
    if (!fresh) return;
    this.show(
      this.calls.map((call) => (call.callSid === callSid ? fresh : call)),
      this.nextPageToken,
    );
  }

  /** Forgets everything shown (signing out). */
  clear(): void {
    this.generation++;
    this.calls = [];
    this.nextPageToken = undefined;
    this.olderShown = false;
    this.cards.clear();
    this.elements.list.replaceChildren();
    this.elements.summary.textContent = '';
    this.elements.problem.textContent = '';
    this.elements.older.hidden = true;
    this.elements.newest.hidden = true;
  }

  private async showOlder(): Promise<void> {
    const token = this.nextPageToken;
    if (!token) return;
    const generation = this.generation;
    this.elements.older.disabled = true;
    const answer = await this.dependencies.fetchCalls(callsPath(this.filters, token));
    this.elements.older.disabled = false;
    if (generation !== this.generation) return;
    if (!answer.ok) {
      this.fail(answer.error, true);
      return;
    }
    this.olderShown = true;
    const known = new Set(this.calls.map((call) => call.callSid));
    const older = answer.value.calls.filter((call) => !known.has(call.callSid));
    this.show([...this.calls, ...older], answer.value.nextPageToken);
  }

  private show(calls: CallView[], nextPageToken: string | undefined): void {
    this.calls = calls;
    this.nextPageToken = nextPageToken;
    this.elements.problem.textContent = '';
    const context: CallContext = {
      nowMs: this.dependencies.now(),
      audioSlot: this.dependencies.audioSlot,
      eraseSlot: this.dependencies.eraseSlot,
    };
    const items = calls.map((call) => element('li', {}, this.card(call, context)));
    const shown = new Set(calls.map((call) => call.callSid));
    for (const sid of this.cards.keys()) if (!shown.has(sid)) this.cards.delete(sid);
    this.elements.list.replaceChildren(...items);
    this.elements.older.hidden = !nextPageToken;
    this.elements.newest.hidden = !this.olderShown;
    this.elements.summary.textContent = this.summary(calls.length);
  }

  /** The call's card, drawn again only if the call changed or is still going (its bar grows). */
  private card(call: CallView, context: CallContext): HTMLElement {
    const fingerprint = JSON.stringify(call);
    const known = this.cards.get(call.callSid);
    if (known && known.fingerprint === fingerprint && call.endTime) return known.element;
    const card = renderCall(call, context);
    this.cards.set(call.callSid, { fingerprint, element: card });
    return card;
  }

  private summary(count: number): string {
    const filtered = Boolean(this.filters.callSid || this.filters.status || this.filters.date);
    if (count === 0) return filtered ? 'No call matches these filters.' : 'No calls yet.';
    const calls = count === 1 ? '1 call' : `${count} calls`;
    const refresh = this.olderShown
      ? 'older calls shown, so the list is not refreshed'
      : 'refreshed every few seconds';
    return `${calls}, newest first (${refresh}).`;
  }

  /** Access failures go to the page; others are shown above the list, which stays as it was. */
  private fail(failure: Failure, keepingList: boolean): void {
    if (failure.kind !== 'error') {
      this.dependencies.onAccessFailure(failure);
      return;
    }
    this.elements.problem.textContent = keepingList
      ? `${failure.message} The list below may be out of date.`
      : failure.message;
    if (!keepingList) this.elements.summary.textContent = '';
  }
}
