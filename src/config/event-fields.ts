import type { FieldError } from './field-error';

/** Longest value accepted for any single parameter; longer values are rejected, not truncated. */
export const MAX_PARAMETER_LENGTH = 2048;

export type FieldRead = { value: string | undefined; error?: FieldError };

/**
 * Reads one parameter from a Function event. The runtime parses repeated or bracketed query
 * parameters into arrays and objects, so anything but a single string is an error here.
 * An empty string reads as absent.
 */
export function readField(event: Record<string, unknown>, field: string): FieldRead {
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

/** Reads a required SID-shaped parameter. */
export function readSid(
  event: Record<string, unknown>,
  field: string,
  pattern: RegExp,
  example: string,
): FieldRead {
  const read = readField(event, field);
  if (read.error) return read;
  if (read.value === undefined) {
    return { value: undefined, error: { field, message: `is required (for example ${example})` } };
  }
  if (!pattern.test(read.value)) {
    return {
      value: undefined,
      error: {
        field,
        message: `must be ${example.slice(0, 2)} followed by 32 lowercase hex digits, like ${example}`,
      },
    };
  }
  return read;
}

export const EXAMPLE_SIDS = {
  AccountSid: 'AC00000000000000000000000000000000',
  CallSid: 'CA00000000000000000000000000000000',
  RecordingSid: 'RE00000000000000000000000000000000',
} as const;
