/** Form or query parameters as Twilio reads them: a repeated name becomes a list of values. */
export type FormParams = Record<string, string | string[]>;

export function parseForm(encoded: string): FormParams {
  const params: FormParams = {};
  for (const [name, value] of new URLSearchParams(encoded)) {
    const existing = params[name];
    params[name] = existing === undefined ? value : ([] as string[]).concat(existing, value);
  }
  return params;
}
