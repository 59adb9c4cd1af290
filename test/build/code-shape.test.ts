/**
 * The shape a next engineer can hold in their head: short functions, no import circles, a
 * recording log of a few files, settings named in one place, little repetition, and a README
 * for people who use the project (the internals are in docs/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from '../../local/project-root';
import {
  functionLengths,
  importCycles,
  repeatedBlocks,
  SHAPED_FOLDERS,
  sourceFiles,
} from '../../scripts/checks/code-shape';
import { SETTINGS } from '../../src/config/settings-table';

const files = sourceFiles(PROJECT_ROOT, SHAPED_FOLDERS);
const MAX_FUNCTION_LINES = 80;

it('has no function over 80 lines (a nested one counts inside its parent)', () => {
  const long = functionLengths(PROJECT_ROOT, files)
    .filter((found) => found.lines > MAX_FUNCTION_LINES)
    .map((found) => `${found.file}:${found.line} ${found.name} (${found.lines} lines)`);
  expect(files.length).toBeGreaterThan(100);
  expect(long).toEqual([]);
});

it('has no import circle, type-only imports included', () => {
  expect(importCycles(PROJECT_ROOT, files)).toEqual([]);
});

it('keeps the recording log in at most 8 files, storage only', () => {
  const log = readdirSync(join(PROJECT_ROOT, 'src', 'recording-log'));
  expect(log.length).toBeLessThanOrEqual(8);
  const routes = log.filter((file) =>
    /runtime\/(function-handler|response)/.test(
      readFileSync(join(PROJECT_ROOT, 'src', 'recording-log', file), 'utf8'),
    ),
  );
  expect(routes).toEqual([]);
});

it('repeats no block of six lines or more outside the tests more than the four it had', () => {
  const everything = sourceFiles(PROJECT_ROOT, SHAPED_FOLDERS, /\.(ts|js|mjs)$/);
  const repeated = repeatedBlocks(PROJECT_ROOT, everything).map(
    (block) =>
      `${block.first.file}:${block.first.line} ~ ${block.second.file}:${block.second.line} (${block.lines} lines)`,
  );
  expect(repeated.length).toBeLessThanOrEqual(4);
});

/** Identifiers and string or template text in a file's code, comments left out. */
function codeWords(file: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true);
  scanner.setText(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
  const words: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (
      token === ts.SyntaxKind.Identifier ||
      token === ts.SyntaxKind.StringLiteral ||
      token === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      token === ts.SyntaxKind.TemplateHead
    ) {
      words.push(scanner.getTokenValue());
    }
  }
  return words;
}

it('names the settings (the UPPER_CASE variables) in src/config/ only', () => {
  const names = Object.keys(SETTINGS);
  const outside = files.filter(
    (file) => /^(src|functions)\//.test(file) && !file.startsWith('src/config/'),
  );
  const found = outside.flatMap((file) =>
    codeWords(file)
      .filter((word) => names.some((name) => new RegExp(`\\b${name}\\b`).test(word)))
      .map((word) => `${file}: ${word.slice(0, 60)}`),
  );
  expect(outside.length).toBeGreaterThan(40);
  expect(found).toEqual([]);
});

const markdown = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');

/** Every cell of every table in a Markdown text. */
function tableCells(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\|.*\|\s*$/.test(line))
    .flatMap((line) => line.split(/(?<!\\)\|/).slice(1, -1))
    .map((cell) => cell.trim());
}

it('has a README of at most 350 lines, and no table cell over 300 characters anywhere', () => {
  expect(markdown('README.md').split('\n').length).toBeLessThanOrEqual(350);
  const documents = [
    'README.md',
    ...readdirSync(join(PROJECT_ROOT, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => join('docs', file)),
  ];
  const long = documents.flatMap((file) =>
    tableCells(markdown(file))
      .filter((cell) => cell.length > 300)
      .map((cell) => `${file}: ${cell.slice(0, 60)}…`),
  );
  expect(long).toEqual([]);
});
