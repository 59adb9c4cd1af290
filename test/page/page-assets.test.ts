import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';

const BUILT = join(PROJECT_ROOT, 'dist', 'assets');
const html = () => readFileSync(join(PROJECT_ROOT, 'assets', 'index.html'), 'utf8');

/** The policy index.html must declare, directive by directive. */
const POLICY: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'media-src': "'self' blob:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
};

describe("the recordings page's static files", () => {
  it('declares a Content-Security-Policy that allows no inline script or style', () => {
    const meta = html().match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
    expect(meta).not.toBeNull();
    const directives = Object.fromEntries(
      meta![1]
        .split(';')
        .map((directive) => directive.trim())
        .filter(Boolean)
        .map((directive) => {
          const [name, ...sources] = directive.split(/\s+/);
          return [name, sources.join(' ')];
        }),
    );
    expect(directives).toEqual(POLICY);
  });

  it('holds no inline script, style or event handler', () => {
    const page = html();
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => [attributes.trim(), body])).toEqual([
      ['src="/recordings.js" defer', ''],
    ]);
    expect(page).not.toMatch(/<style\b/i);
    expect(page).not.toMatch(/\sstyle\s*=/i);
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page).toMatch(/<title>Call recordings<\/title>/);
  });

  it('loads its script and stylesheet by absolute paths, which hold from /, /index.html and /assets/index.html', () => {
    const page = html();
    expect(page).toMatch(/<link rel="stylesheet" href="\/recordings\.css" \/>/);
    expect(page).not.toMatch(/(href|src)="(?!\/)[^"#]/);
  });

  it('builds into the page (also as /assets/index.html, served at the root), its stylesheet and its script, which hold no data', () => {
    const built = readdirSync(BUILT, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(BUILT, join(entry.parentPath, entry.name)));
    expect(built.sort()).toEqual([
      join('assets', 'index.html'),
      'index.html',
      'recordings.css',
      'recordings.js',
    ]);
    expect(readFileSync(join(BUILT, 'assets', 'index.html'), 'utf8')).toBe(html());
    for (const name of built) {
      const text = readFileSync(join(BUILT, name), 'utf8');
      expect(text).not.toMatch(/\b(CA|RE|AC)[0-9a-f]{32}\b/);
      expect(text).not.toMatch(/\+\d{8,15}\b/);
    }
  });

  it('bundles a script that never parses text as HTML', () => {
    const script = readFileSync(join(BUILT, 'recordings.js'), 'utf8');
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});
