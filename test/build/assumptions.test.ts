/**
 * Every decision the local Twilio (or the project) takes where Twilio's documentation is
 * silent carries a name and its reason in the code (`Assumption [name]: …`), once; and
 * docs/assumptions.md is collected from those comments (npm run docs), so it says the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import {
  assumptionsDoc,
  assumptionsIn,
  collectAssumptions,
} from '../../scripts/docs/assumptions-doc';

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const inCode = collectAssumptions(PROJECT_ROOT);

it('finds the assumptions in the code, each with what is assumed', () => {
  expect(inCode.length).toBeGreaterThan(80);
  expect(inCode.filter((assumption) => assumption.text.length < 20)).toEqual([]);
});

it('names each assumption once, in kebab case', () => {
  const names = inCode.map((assumption) => assumption.name);
  expect(names.filter((name) => !NAME.test(name))).toEqual([]);
  expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
});

it('has docs/assumptions.md exactly as the code writes it (npm run docs)', () => {
  const listed = readFileSync(join(PROJECT_ROOT, 'docs', 'assumptions.md'), 'utf8');
  expect(listed).toBe(assumptionsDoc(inCode));
});

it('reads a comment to its end, in either style, and stops at the next one', () => {
  const source = [
    '/**',
    ' * Assumption [first-one]: a block comment',
    ' * on two lines.',
    ' */',
    'const a = 1; // not part of it',
    '// Assumption [second-one]: a line comment',
    '// Assumption [third-one]: right after.',
    '// still the third',
    'const b = 2;',
  ].join('\n');
  expect(assumptionsIn(source, 'x.ts')).toEqual([
    { name: 'first-one', text: 'a block comment on two lines.', file: 'x.ts' },
    { name: 'second-one', text: 'a line comment', file: 'x.ts' },
    { name: 'third-one', text: 'right after. still the third', file: 'x.ts' },
  ]);
});
