// The local service's "place a simulated call" form. It stays hidden unless the service says it
// can simulate (GET /_simulate/status answers 200 only when run locally).
import type { Result } from '../src/result';
import type { Failure } from './answers';
import { isConsentAnswer, type SimulatedCall } from './simulated-call';

export interface SimulateFormDependencies {
  available(): Promise<boolean>;
  place(call: SimulatedCall): Promise<Result<string, Failure>>;
  /** As the call is sent: the answer may come only once the call has gone through the flow. */
  onPlacing(): void;
  onPlaced(): void;
  onAccessFailure(failure: Failure): void;
}

export class SimulateForm {
  constructor(
    private readonly form: HTMLFormElement,
    private readonly outcome: HTMLElement,
    private readonly dependencies: SimulateFormDependencies,
  ) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  async reveal(): Promise<void> {
    this.form.hidden = !(await this.dependencies.available());
  }

  hide(): void {
    this.form.hidden = true;
    this.outcome.textContent = '';
  }

  private async submit(): Promise<void> {
    const fields = new FormData(this.form);
    const consent = String(fields.get('consent') ?? '');
    const fault = String(fields.get('fault') ?? '');
    const call: SimulatedCall = {
      say: String(fields.get('say') ?? ''),
      consent: isConsentAnswer(consent) ? consent : undefined,
      fault: fault || undefined,
    };
    const button = this.form.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    this.outcome.classList.remove('error');
    this.outcome.textContent = 'Placing the call…';
    this.dependencies.onPlacing();
    const placed = await this.dependencies.place(call);
    if (button instanceof HTMLButtonElement) button.disabled = false;
    if (!placed.ok) {
      if (placed.error.kind === 'unauthorized') {
        this.dependencies.onAccessFailure(placed.error);
        return;
      }
      this.outcome.classList.add('error');
      this.outcome.textContent = placed.error.message;
      return;
    }
    this.outcome.textContent = placed.value;
    this.dependencies.onPlaced();
  }
}
