// Each call's "Delete recordings": a button, then a confirmation saying what goes and what is
// kept, with an optional reason; only then the request. The controls outlive a refresh of the
// list, so that a poll never closes a confirmation someone is reading.
import type { CallView, EraseAnswer } from '../src/dashboard/view';
import type { Result } from '../src/result';
import type { Failure } from './answers';
import { element } from './dom';

export interface EraseDependencies {
  erase(callSid: string, reason: string): Promise<Result<EraseAnswer, Failure>>;
  /** The call was erased: show it as it is now. */
  onErased(callSid: string): void;
  onAccessFailure(failure: Failure): void;
}

/** The most characters the service keeps of a reason. */
const MAX_REASON_LENGTH = 200;

export class EraseActions {
  private readonly slots = new Map<string, HTMLElement>();

  constructor(private readonly dependencies: EraseDependencies) {}

  /**
   * The call's control (the same element across refreshes), or undefined when there is nothing
   * to erase: a call this service did not handle, or one erased to the end.
   */
  slotFor(call: CallView): HTMLElement | undefined {
    const finished = call.erasure?.complete === true && call.recordings.length === 0;
    if (!call.logged || finished) {
      this.slots.delete(call.callSid);
      return undefined;
    }
    const existing = this.slots.get(call.callSid);
    if (existing) return existing;
    const slot = this.createSlot(call);
    this.slots.set(call.callSid, slot);
    return slot;
  }

  /** Forgets every control (signing out). */
  clear(): void {
    this.slots.clear();
  }

  private createSlot(call: CallView): HTMLElement {
    const label = call.erasure ? 'Finish deleting' : 'Delete recordings';
    const open = element(
      'button',
      { className: 'erase-open secondary', attributes: { type: 'button' } },
      label,
    );
    const reason = element('input', {
      className: 'erase-reason',
      attributes: { type: 'text', name: 'reason', maxlength: String(MAX_REASON_LENGTH) },
    });
    const confirm = element(
      'button',
      { className: 'erase-confirm danger', attributes: { type: 'submit' } },
      'Delete for good',
    );
    const cancel = element(
      'button',
      { className: 'erase-cancel secondary', attributes: { type: 'button' } },
      'Cancel',
    );
    const form = element(
      'form',
      {
        className: 'erase-form',
        attributes: { 'aria-label': `Delete the recordings of ${call.callSid}` },
      },
      element('p', { className: 'erase-warning' }, confirmationText(call)),
      element('label', {}, 'Reason (optional; kept with the erasure, so say why, not who)', reason),
      element('div', { className: 'actions' }, confirm, cancel),
    );
    form.hidden = true;
    const outcome = element('p', { className: 'erase-outcome', attributes: { role: 'status' } });
    open.addEventListener('click', () => {
      form.hidden = false;
      open.hidden = true;
      outcome.textContent = '';
      reason.focus();
    });
    cancel.addEventListener('click', () => {
      form.hidden = true;
      open.hidden = false;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(call.callSid, { form, open, confirm, reason, outcome });
    });
    return element('div', { className: 'erase' }, open, form, outcome);
  }

  private async send(
    callSid: string,
    parts: {
      form: HTMLFormElement;
      open: HTMLButtonElement;
      confirm: HTMLButtonElement;
      reason: HTMLInputElement;
      outcome: HTMLElement;
    },
  ): Promise<void> {
    parts.confirm.disabled = true;
    parts.outcome.classList.remove('error');
    parts.outcome.textContent = 'Deleting…';
    const erased = await this.dependencies.erase(callSid, parts.reason.value);
    parts.confirm.disabled = false;
    if (!erased.ok) {
      if (erased.error.kind !== 'error') {
        this.dependencies.onAccessFailure(erased.error);
        return;
      }
      parts.outcome.classList.add('error');
      parts.outcome.textContent = erased.error.message;
      return;
    }
    parts.form.hidden = true;
    parts.open.hidden = true;
    const count = erased.value.recordings.filter((one) => one.result !== 'failed').length;
    parts.outcome.textContent = erased.value.alreadyErased
      ? 'This call was erased already.'
      : `Deleted: ${count === 1 ? '1 recording' : `${count} recordings`} and what the caller said.`;
    this.dependencies.onErased(callSid);
  }
}

/** What the confirmation says: what goes for good, and what is kept. */
function confirmationText(call: CallView): string {
  const count = call.recordings.length;
  const recordings = count === 1 ? 'its recording' : `its ${count} recordings`;
  return `Delete ${count === 0 ? 'what the caller said' : `${recordings} and what the caller said`} for good? The call stays listed with an erasure entry: when, how many recordings, by whom and the reason. The consent decision is kept as proof, without the caller's answer.`;
}
