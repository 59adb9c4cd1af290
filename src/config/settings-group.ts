import type { FieldError } from '../failure';
import { SettingValues, type Context } from './setting-values';

/**
 * One group of settings (the voice, consent, the recording log…): how to read it from the
 * context's values, given the groups it builds on. A route reads only the groups it declares,
 * so its bundle carries only their rows of the settings table and their readers.
 */
export interface SettingsGroup<T> {
  read(values: SettingValues, group: <U>(other: SettingsGroup<U>) => U): T;
}

export type GroupValue<G> = G extends SettingsGroup<infer T> ? T : never;

/** The values of some groups, by the names a route gives them, and every problem found. */
export type GroupValues<G extends Record<string, SettingsGroup<unknown>>> = {
  readonly [K in keyof G]: GroupValue<G[K]>;
} & {
  /** Every setting found wrong so far, named, with what was used instead. */
  readonly problems: FieldError[];
};

/**
 * Reads the Function's context into the groups given: every value typed, every problem named.
 * Each group is read the first time a step asks for it, once, with the groups it builds on.
 */
export function readGroups<G extends Record<string, SettingsGroup<unknown>>>(
  context: Context,
  groups: G,
): GroupValues<G> {
  const values = new SettingValues(context);
  const read = new Map<SettingsGroup<unknown>, unknown>();
  const group = <U>(wanted: SettingsGroup<U>): U => {
    if (!read.has(wanted)) read.set(wanted, wanted.read(values, group));
    return read.get(wanted) as U;
  };
  const settings = { problems: values.problems } as Record<string, unknown>;
  for (const [name, wanted] of Object.entries(groups)) {
    Object.defineProperty(settings, name, { get: () => group(wanted), enumerable: true });
  }
  return settings as GroupValues<G>;
}
