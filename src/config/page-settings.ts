import type { SettingsGroup } from './settings-group';
import { DASHBOARD_PASSWORD } from './settings-table';

export const MIN_PASSWORD_LENGTH = 16;

export type PagePassword =
  { state: 'off' } | { state: 'too-short'; length: number } | { state: 'on'; password: string };

/** The page is on only with a password of at least 16 characters (never echoed in a message). */
export const PAGE_PASSWORD: SettingsGroup<PagePassword> = {
  read(values) {
    const password = values.given(DASHBOARD_PASSWORD);
    if (password === undefined) return { state: 'off' };
    if (password.length >= MIN_PASSWORD_LENGTH) return { state: 'on', password };
    values.problem(
      DASHBOARD_PASSWORD,
      `is ${password.length} characters; it must be at least ${MIN_PASSWORD_LENGTH}, so the page stays off`,
    );
    return { state: 'too-short', length: password.length };
  },
};
