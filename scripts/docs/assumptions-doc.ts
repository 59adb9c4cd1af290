/**
 * docs/assumptions.md, written from the code: every decision taken where Twilio's documentation
 * is silent is stated once, where it is taken, in a comment `Assumption [...]` with a reason; the list is
 * collected from those comments (npm run docs), so the two can never say different things.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Assumption {
  name: string;
  text: string;
  file: string;
}

export const ASSUMPTION_FOLDERS = ['src', 'local', 'functions', 'page', 'scripts'];
const TAG = /Assumption \[([^\]]*)\]:\s*(.*)$/;

/** Strips a comment line's marker (`//`, ` *`), or undefined when the line is not a comment. */
function commentText(line: string): string | undefined {
  const match = /^\s*(?:\/\/|\/\*\*?|\*(?!\/))\s?(.*)$/.exec(line);
  return match ? match[1].replace(/\s*\*\/\s*$/, '') : undefined;
}

/** Each assumption of one file: its name and its text, from the tag to the comment's end. */
export function assumptionsIn(source: string, file: string): Assumption[] {
  const lines = source.split('\n');
  const found: Assumption[] = [];
  lines.forEach((line, index) => {
    const tag = TAG.exec(commentText(line) ?? '');
    if (!tag) return;
    const words = [tag[2]];
    for (let next = index + 1; next < lines.length; next += 1) {
      const text = commentText(lines[next]);
      if (text === undefined || text.trim() === '' || TAG.test(text)) break;
      words.push(text.trim());
      if (/\*\/\s*$/.test(lines[next])) break;
    }
    found.push({ name: tag[1], text: words.join(' ').replace(/\s+/g, ' ').trim(), file });
  });
  return found;
}

export function collectAssumptions(root: string): Assumption[] {
  return ASSUMPTION_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort()
      .flatMap((file) => assumptionsIn(readFileSync(join(root, file), 'utf8'), file)),
  );
}

/** Which part of the list a file's assumptions go in: the first pattern its path matches. */
const PARTS: Array<[RegExp, string]> = [
  [/^local\/gateway/, 'Functions gateway'],
  [/^local\/(call-|twiml-|gather|caller-|fault-spec)/, 'Voice engine'],
  [
    /^(local\/stand-in\/serverless|local\/deploy|scripts\/deploy)/,
    'Serverless API, deploys and the deployed runtime',
  ],
  [/^local\/stand-in\/sync/, 'Sync'],
  [/^local\/stand-in\/(media|recording-media|media-route)/, 'Recording media'],
  [/^local\/stand-in\/status-callbacks/, 'Status callbacks'],
  [
    /^local\/stand-in\/(calls|recordings|recording-|soft-deleted|phone-numbers|studio|voice-operations)/,
    'Calls, recordings, numbers, Studio',
  ],
  [/^local\//, 'The local Twilio: requests, paging, time, the account'],
  [/./, 'The project itself'],
];

const INTRO = `# Assumptions

Where Twilio's documentation is silent, or contradicts itself, the local Twilio (and, in a few
places, the project) has to decide. The code says so where it decides, in a comment
\`Assumption [name]: …\`, and this list is collected from those comments by \`npm run docs\`
(a test checks that it is current), so each assumption is written in one place. If the local
Twilio and Twilio ever disagree, these are the first things to check on a real account.
`;

export function assumptionsDoc(assumptions: Assumption[]): string {
  const sections = PARTS.map(([, part]) => part).filter(
    (part, index, all) => all.indexOf(part) === index,
  );
  const partOf = (file: string) => PARTS.find(([pattern]) => pattern.test(file))?.[1];
  const out = [INTRO];
  for (const part of sections) {
    const rows = assumptions.filter((assumption) => partOf(assumption.file) === part);
    if (rows.length === 0) continue;
    out.push(`## ${part}\n`);
    for (const row of rows) out.push(`- \`${row.name}\` (\`${row.file}\`): ${row.text}`);
    out.push('');
  }
  return out.join('\n');
}
