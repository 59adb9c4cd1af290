import { failure, type FailedReason, type Failure, type FieldError } from '../failure';
import type { Result } from '../result';
import type { FieldRead } from '../request/fields';

// When several fields are wrong, the reason that tells the flow builder most comes first.
const REASON_PRIORITY: FailedReason[] = [
  'call-not-in-progress',
  'invalid-input',
  'no-consent',
  'invalid-configuration',
];

/** Collects every field error with the Failed reason it leads to. */
export class FieldErrors {
  readonly list: FieldError[] = [];

  add(reason: FailedReason, error: FieldError): void {
    this.list.push({ ...error, reason });
  }

  /** The value of a read, or undefined with its error kept. */
  value(reason: FailedReason, read: FieldRead): string | undefined {
    if (read.error) this.add(reason, read.error);
    return read.error ? undefined : read.value;
  }

  /** The value of a setting or an override, or undefined with its error kept. */
  result<T>(reason: FailedReason, read: Result<T, FieldError>): T | undefined {
    if (read.ok) return read.value;
    this.add(reason, read.error);
    return undefined;
  }

  failure(): Failure {
    const reasons = new Set(this.list.map((error) => error.reason));
    const code = REASON_PRIORITY.find((reason) => reasons.has(reason)) ?? 'invalid-input';
    const message = this.list.map((error) => `${error.field}: ${error.message}`).join('; ');
    return failure(code, message, { fields: this.list });
  }
}
