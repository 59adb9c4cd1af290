import { allowedList, type FieldError } from '../failure';
import type { SettingRow } from './settings-table';

/** The Function's context as the runtime gives it: the environment's variables, and more. */
export type Context = Record<string, unknown>;

/** A row with a whole-number range. */
type WholeRow = SettingRow & { range: readonly [number, number] };

/**
 * Reads the context's variables one setting (one row of the settings table) at a time, each
 * falling back to its default, and keeps every problem found on the way, named, so that one
 * message can list them all.
 */
export class SettingValues {
  readonly problems: FieldError[] = [];

  constructor(private readonly context: Context) {}

  problem(row: SettingRow, message: string): void {
    this.problems.push({ field: row.name, message });
  }

  /** The value as set, trimmed, or undefined when it is absent or empty. */
  given(row: SettingRow): string | undefined {
    const value = this.context[row.name];
    if (typeof value !== 'string') return undefined;
    const trimmed = value.trim();
    if (trimmed === '' && value !== '') {
      this.problem(row, 'is blank; leave it out to use the default, or set a value');
    }
    return trimmed === '' ? undefined : trimmed;
  }

  /** The value as set, else the default. */
  text(row: SettingRow): string {
    return this.given(row) ?? row.default;
  }

  /** A whole number held to the row's range: its default when unreadable, clamped outside. */
  whole(row: WholeRow): number {
    const [min, max] = row.range;
    const fallback = Number(row.default);
    const given = this.given(row);
    if (given === undefined) return fallback;
    const value = Number(given);
    if (!Number.isInteger(value)) {
      this.problem(row, `'${given}' is not a whole number; using ${fallback}`);
      return fallback;
    }
    const held = Math.min(max, Math.max(min, value));
    if (held !== value) this.problem(row, `${value} is outside ${min}-${max}; using ${held}`);
    return held;
  }

  /** One of `allowed` (compared after `normalise`), or the problem that says what is allowed. */
  choice<T extends string>(
    row: SettingRow,
    allowed: readonly T[],
    normalise: (value: string) => string = (value) => value.toLowerCase(),
  ): { value: T; error?: FieldError } {
    const given = this.text(row);
    const value = normalise(given);
    if ((allowed as readonly string[]).includes(value)) return { value: value as T };
    const error = {
      field: row.name,
      message: `'${given}' is not allowed; use one of ${allowedList(allowed)}`,
    };
    this.problems.push(error);
    return { value: normalise(row.default) as T, error };
  }
}
