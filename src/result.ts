/**
 * The one shape of an expected failure: bad input, a refused setting, a lost race. Whatever can
 * go wrong as part of normal operation comes back as a Result; only the unexpected is thrown
 * (see errors.ts).
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
