import { SETTINGS } from '../../src/config/settings-table';

/**
 * The names of this project's own service settings, from the settings table: a deploy removes
 * from the environment only Variables with one of these names (a setting taken out of .env, or
 * set back to its default), and leaves any other Variable alone.
 */
export function projectSettingNames(): Set<string> {
  return new Set(
    Object.entries(SETTINGS)
      .filter(([, row]) => row.scope === 'service')
      .map(([name]) => name),
  );
}
