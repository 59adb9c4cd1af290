/**
 * Measures of the code's shape that a reader feels before any test fails: how long each
 * function is, and whether modules import each other in a circle (type-only imports count:
 * a type two modules share belongs in a third). Read with TypeScript's own parser, so what is
 * measured is what the compiler sees.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/** The folders whose code is held to these measures (tests are not). */
export const SHAPED_FOLDERS = ['src', 'local', 'scripts', 'page', 'functions'] as const;

/** Every .ts file (or, with `pattern`, every file it matches) under `folders`, sorted. */
export function sourceFiles(
  root: string,
  folders: readonly string[],
  pattern = /(?<!\.d)\.ts$/,
): string[] {
  return folders
    .filter((folder) => existsSync(join(root, folder)))
    .flatMap((folder) =>
      readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && pattern.test(entry.name))
        .map((entry) => relative(root, join(entry.parentPath, entry.name))),
    )
    .sort();
}

function parse(root: string, file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(join(root, file), 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
}

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

function functionName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name) return named.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent))
    return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

/** Every function, method and arrow function with the lines it spans, nested ones included. */
export function functionLengths(root: string, files: readonly string[]): FunctionLength[] {
  const found: FunctionLength[] = [];
  for (const file of files) {
    const source = parse(root, file);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node) && (node as { body?: ts.Node }).body) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        found.push({ file, name: functionName(node), line: start + 1, lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The project files a file imports (static, dynamic, `require` and `import type` alike). */
export function projectImports(root: string, file: string): string[] {
  const source = parse(root, file);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      specifiers.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0]) &&
      ((ts.isIdentifier(node.expression) && node.expression.text === 'require') ||
        node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      specifiers.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      specifiers.push((node.argument.literal as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolveModule(root, file, specifier))
    .filter((target): target is string => target !== undefined);
}

function resolveModule(root: string, from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return relative(root, candidate);
  }
  return undefined;
}

/** Each circle of imports, as the files it passes through (each circle once). */
export function importCycles(root: string, files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, projectImports(root, file)]));
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(' ');
        if (!cycles.has(key)) cycles.set(key, cycle);
      } else if (!state.has(next) && graph.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}

export interface RepeatedBlock {
  lines: number;
  first: { file: string; line: number };
  second: { file: string; line: number };
}

/** A line as it counts for repetition: blank lines, comments, imports and lone punctuation do not. */
function meaningfulLines(text: string): Array<{ text: string; line: number }> {
  const kept: Array<{ text: string; line: number }> = [];
  let inComment = false;
  let inImport = false;
  text.split('\n').forEach((raw, index) => {
    let line = raw.trim();
    if (inImport) {
      inImport = !line.endsWith(';');
      return;
    }
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      return;
    }
    if (line.startsWith('/*')) {
      inComment = !line.includes('*/');
      return;
    }
    if (line.startsWith('//') || line.startsWith('*')) return;
    if (/^import\b/.test(line)) {
      inImport = !line.endsWith(';');
      return;
    }
    line = line.replace(/\s+/g, ' ');
    if (line === '' || /^[\s{}()[\];,.:]*$/.test(line)) return;
    kept.push({ text: line, line: index + 1 });
  });
  return kept;
}

/**
 * Runs of at least `minLines` meaningful lines that stand, the same to the letter (white space
 * folded), in two places: each pair of places once, at its longest.
 */
export function repeatedBlocks(
  root: string,
  files: readonly string[],
  minLines = 6,
): RepeatedBlock[] {
  const lines = files.map((file) => ({
    file,
    lines: meaningfulLines(readFileSync(join(root, file), 'utf8')),
  }));
  const seen = new Map<string, Array<{ file: number; at: number }>>();
  lines.forEach(({ lines: fileLines }, file) => {
    for (let at = 0; at + minLines <= fileLines.length; at += 1) {
      const key = fileLines
        .slice(at, at + minLines)
        .map((line) => line.text)
        .join('\n');
      const places = seen.get(key) ?? [];
      places.push({ file, at });
      seen.set(key, places);
    }
  });
  const blocks = new Map<string, RepeatedBlock>();
  for (const places of seen.values()) {
    for (let i = 0; i < places.length; i += 1) {
      for (let j = i + 1; j < places.length; j += 1) {
        const [a, b] = [places[i], places[j]];
        if (a.file === b.file && b.at - a.at < minLines) continue;
        // Walk back to where the shared run starts, so that each run is reported once.
        const before = (p: { file: number; at: number }) => lines[p.file].lines[p.at - 1]?.text;
        if (a.at > 0 && b.at > 0 && before(a) === before(b)) continue;
        let length = minLines;
        const at = (p: { file: number; at: number }, k: number) =>
          lines[p.file].lines[p.at + k]?.text;
        while (at(a, length) !== undefined && at(a, length) === at(b, length)) length += 1;
        const key = `${a.file}:${b.file}`;
        const block = {
          lines: length,
          first: { file: lines[a.file].file, line: lines[a.file].lines[a.at].line },
          second: { file: lines[b.file].file, line: lines[b.file].lines[b.at].line },
        };
        if ((blocks.get(key)?.lines ?? 0) < length) blocks.set(key, block);
      }
    }
  }
  return [...blocks.values()];
}
