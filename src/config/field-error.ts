/** A problem with one named input or setting, phrased for the developer who has to fix it. */
export interface FieldError {
  field: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function allowedList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}
