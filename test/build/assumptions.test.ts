/**
 * Every decision the local Twilio (or the project) makes where Twilio's documentation is silent
 * carries a name in the code (`Assumption [name]:`), and docs/assumptions.md lists each one with
 * the file that makes it: neither can change without the other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';

const SOURCE_FOLDERS = ['src', 'local', 'functions', 'page', 'scripts'];
const TAG = /Assumption \[([^\]]*)\]/g;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => relative(PROJECT_ROOT, join(entry.parentPath, entry.name)));
}

/** Each tag in the code: its name and the file it stands in. */
const inCode = SOURCE_FOLDERS.flatMap(sourceFiles).flatMap((file) =>
  [...readFileSync(join(PROJECT_ROOT, file), 'utf8').matchAll(TAG)].map((match) => ({
    name: match[1],
    file,
  })),
);

/** Each row of the list: `| \`name\` | what | \`file\` |`. */
const listed = readFileSync(join(PROJECT_ROOT, 'docs', 'assumptions.md'), 'utf8')
  .split('\n')
  .flatMap((line) => {
    const row = /^\|\s*`([^`]+)`\s*\|.*\|\s*`([^`]+)`\s*\|\s*$/.exec(line);
    return row ? [{ name: row[1], file: row[2] }] : [];
  });

it('finds the assumptions in the code and in the list', () => {
  expect(inCode.length).toBeGreaterThan(50);
  expect(listed.length).toBeGreaterThan(50);
});

it('names each assumption in the code once, in kebab case', () => {
  const names = inCode.map((tag) => tag.name);
  expect(names.filter((name) => !NAME.test(name))).toEqual([]);
  expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
});

it('lists every assumption the code names, with its file, and nothing else', () => {
  const byName = (tags: Array<{ name: string; file: string }>) =>
    Object.fromEntries(tags.map((tag) => [tag.name, tag.file]));
  expect(byName(listed)).toEqual(byName(inCode));
  expect(listed).toHaveLength(inCode.length);
});
