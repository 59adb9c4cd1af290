/**
 * `.env.example` and the README's settings table, written from the settings table
 * (src/config/settings-table.ts), so that what people read is what the Functions do.
 */
import {
  SETTING_GROUPS,
  SETTINGS,
  type SettingGroup,
  type SettingName,
  type SettingRow,
} from '../../src/config/settings-table';

const rows = () => Object.entries(SETTINGS) as Array<[SettingName, SettingRow]>;

/** Comment lines of at most `width` characters. */
function comment(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > width && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

const ENV_HEADER = [
  '# Copy this file to .env (git-ignored: never commit real credentials). What must be set is',
  '# set; every other setting is commented out with its default. Uncomment and change only what',
  '# you need: a deploy uploads only the settings that differ from their default, and never the',
  '# credentials or the local-only ones (README: "What a deploy uploads").',
  '# Generated from src/config/settings-table.ts by npm run docs.',
];

/** `.env.example`: the variables a user may set, grouped, each with its description. */
export function envExample(): string {
  const out = [...ENV_HEADER];
  for (const group of Object.keys(SETTING_GROUPS) as SettingGroup[]) {
    const members = rows().filter(([, row]) => row.group === group && writtenToEnv(row));
    if (members.length === 0) continue;
    out.push('', `# --- ${SETTING_GROUPS[group]} ---`);
    for (const [name, row] of members) {
      out.push(...comment(`${row.description} (${row.allowed})`));
      out.push(row.mustSet ? `${name}=` : `# ${name}=${row.default}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Twilio's own values (the domain) cannot be set; the credentials are, for the commands. */
function writtenToEnv(row: SettingRow): boolean {
  return row.scope !== 'twilio' || row.mustSet === true;
}

const SCOPE_NOTE: Record<SettingRow['scope'], string> = {
  service: '',
  twilio: ' Set by Twilio when deployed.',
  local: ' Never uploaded.',
};

export const TABLE_START = '<!-- settings table: npm run docs writes it -->';
export const TABLE_END = '<!-- end of the settings table -->';

/** The README's settings table, one row per setting. */
export function settingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| Setting | Default | Values | What it does |', '| --- | --- | --- | --- |'];
  for (const [name, row] of rows()) {
    const fallback = row.default === '' ? '(none)' : `\`${cell(row.default)}\``;
    lines.push(
      `| \`${name}\` | ${fallback} | ${cell(row.allowed)} | ${cell(row.description)}${SCOPE_NOTE[row.scope]} |`,
    );
  }
  return lines.join('\n');
}

/** The README with its settings table replaced by the current one. */
export function withSettingsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n\n${settingsTable()}\n\n${readme.slice(end)}`;
}
