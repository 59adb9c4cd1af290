import type { FieldError } from '../failure';
import { exampleSid, isSid, type SidField } from '../twilio/sids';

export type { FieldError } from '../failure';
export { allowedList } from '../failure';

/** Longest value accepted for any single parameter; longer values are rejected, not truncated. */
export const MAX_PARAMETER_LENGTH = 2048;

export type Fields = Record<string, unknown>;

/** One parameter as read: its value when usable, or the error that says why not. */
export interface FieldRead {
  value: string | undefined;
  error?: FieldError;
}

/**
 * Reads one parameter from a Function event. The runtime parses repeated or bracketed query
 * parameters into arrays and objects, so anything but a single string is an error here.
 * An empty string reads as absent.
 */
export function readField(event: Fields, field: string): FieldRead {
  const raw = Object.prototype.hasOwnProperty.call(event, field) ? event[field] : undefined;
  if (raw === undefined || raw === null) return { value: undefined };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: String(raw) };
  if (typeof raw !== 'string') {
    return { value: undefined, error: { field, message: 'must be given once, as plain text' } };
  }
  if (raw.length > MAX_PARAMETER_LENGTH) {
    return {
      value: undefined,
      error: { field, message: `is longer than ${MAX_PARAMETER_LENGTH} characters` },
    };
  }
  const trimmed = raw.trim();
  return { value: trimmed === '' ? undefined : trimmed };
}

/** The value of a parameter when it is readable, else undefined (for routes that never refuse). */
export function textField(event: Fields, field: string): string | undefined {
  return readField(event, field).value;
}

/** A SID-shaped parameter: `required` ones must be there; any one given must be well-formed. */
export function readSid(
  event: Fields,
  field: SidField,
  options: { required: boolean; absentMeans?: string },
): FieldRead {
  const read = readField(event, field);
  if (read.error) return read;
  if (read.value === undefined) {
    return options.required
      ? {
          value: undefined,
          error: { field, message: `is required (for example ${exampleSid(field)})` },
        }
      : read;
  }
  if (!isSid(field, read.value)) {
    const absent = options.absentMeans ? `, or be left out to mean ${options.absentMeans}` : '';
    return {
      value: undefined,
      error: {
        field,
        message: `must be ${exampleSid(field).slice(0, 2)} followed by 32 lowercase hex digits, like ${exampleSid(field)}${absent}`,
      },
    };
  }
  return read;
}

/**
 * The AccountSid a request carries, checked against the account this service runs in: a
 * request that names another account is refused, whatever else it says.
 */
export function readOwnAccountSid(
  event: Fields,
  ownAccountSid: unknown,
  options: { required: boolean },
): FieldRead {
  const read = readSid(event, 'AccountSid', options);
  if (read.error || read.value === undefined) return read;
  if (typeof ownAccountSid === 'string' && ownAccountSid !== '' && read.value !== ownAccountSid) {
    return {
      value: undefined,
      error: {
        field: 'AccountSid',
        message: 'does not belong to the account this service runs in',
      },
    };
  }
  return read;
}

/** Whether `value` is one of `values` (and, for TypeScript, of their type). */
export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}
