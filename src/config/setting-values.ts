import { allowedList, type FieldError } from '../failure';
import { SETTINGS, type SettingName, type WholeSettingName } from './settings-table';

/** The Function's context as the runtime gives it: the environment's variables, and more. */
export type Context = Record<string, unknown>;

/**
 * Reads the context's variables one setting at a time, each falling back to its default, and
 * keeps every problem found on the way, named, so that one message can list them all.
 */
export class SettingValues {
  readonly problems: FieldError[] = [];

  constructor(private readonly context: Context) {}

  problem(field: SettingName, message: string): void {
    this.problems.push({ field, message });
  }

  /** The value as set, trimmed, or undefined when it is absent or empty. */
  given(name: SettingName): string | undefined {
    const value = this.context[name];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    if (trimmed === '' && value !== '') {
      this.problem(name, 'is blank; leave it out to use the default, or set a value');
    }
    return trimmed === '' ? undefined : trimmed;
  }

  /** The value as set, else the default. */
  text(name: SettingName): string {
    return this.given(name) ?? SETTINGS[name].default;
  }

  /** A whole number held to the setting's range: its default when unreadable, clamped outside. */
  whole(name: WholeSettingName): number {
    const row = SETTINGS[name];
    const [min, max] = row.range;
    const fallback = Number(row.default);
    const given = this.given(name);
    if (given === undefined) return fallback;
    const value = Number(given);
    if (!Number.isInteger(value)) {
      this.problem(name, `'${given}' is not a whole number; using ${fallback}`);
      return fallback;
    }
    const held = Math.min(max, Math.max(min, value));
    if (held !== value) this.problem(name, `${value} is outside ${min}-${max}; using ${held}`);
    return held;
  }

  /** One of `allowed` (compared after `normalise`), or the problem that says what is allowed. */
  choice<T extends string>(
    name: SettingName,
    allowed: readonly T[],
    normalise: (value: string) => string = (value) => value.toLowerCase(),
  ): { value: T; error?: FieldError } {
    const given = this.text(name);
    const value = normalise(given);
    if ((allowed as readonly string[]).includes(value)) return { value: value as T };
    const error = {
      field: name,
      message: `'${given}' is not allowed; use one of ${allowedList(allowed)}`,
    };
    this.problems.push(error);
    return { value: normalise(SETTINGS[name].default) as T, error };
  }
}
