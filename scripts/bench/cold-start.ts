import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../local/project-root';
import { callParams, COLD_EVENTS, serveFolder } from './bench-steps';
import { median, round } from './stats';

export interface ColdFigures {
  name: string;
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  ratio: number;
  /** Against the bare Function that sends one REST request (the floor for the toggle). */
  ratioRest: number;
  /** Against the bare Function that reads one Sync item (the floor for the log's steps). */
  ratioSync: number;
  modules: number;
  bytes: number;
}

interface ColdRun {
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  modules: number;
  bytes: number;
}

/** A child that did not give its figures: which one, and what it said instead. */
export class ColdStartFailed extends Error {
  constructor(name: string, detail: string) {
    super(`the cold start of ${name} gave no figures: ${detail}`);
    this.name = 'ColdStartFailed';
  }
}

/** One cold start of `file` in a fresh process, or why it failed, naming the Function. */
export function coldRun(name: string, file: string): ColdRun {
  const child = join(PROJECT_ROOT, 'dist', 'bench', 'cold-start-child.js');
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', child, file, JSON.stringify(COLD_EVENTS[name] ?? callParams)],
    { encoding: 'utf8', timeout: 30_000 },
  );
  const said = `exit ${out.status ?? out.signal}; stdout: ${out.stdout.trim().slice(-300) || '(nothing)'}; stderr: ${out.stderr.trim().slice(-300) || '(nothing)'}`;
  const line = out.stdout.trim().split('\n').pop() ?? '';
  let parsed: Partial<ColdRun> & { error?: string; outcome?: string };
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new ColdStartFailed(name, said);
  }
  if (parsed.error || parsed.outcome !== 'ok' || typeof parsed.totalMs !== 'number') {
    throw new ColdStartFailed(name, said);
  }
  return parsed as ColdRun;
}

/**
 * Each built Function and the three bare baselines, `runs` fresh processes each, loaded from
 * the same folder (so that module resolution costs the same for all); the baselines first.
 */
export function coldStart(runs: number): ColdFigures[] {
  const folder = serveFolder();
  const files: Array<[string, string]> = readdirSync(folder).map((file) => [
    file.replace(/\.(protected|private)\.js$/, '').replace(/\.js$/, ''),
    join(folder, file),
  ]);
  files.sort(([a], [b]) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : a.localeCompare(b)));
  const results = files.map(([name, file]) => {
    const measured = Array.from({ length: runs }, () => coldRun(name, file));
    const mid = (pick: (run: ColdRun) => number) => round(median(measured.map(pick)));
    return {
      name,
      loadMs: mid((run) => run.loadMs),
      firstRequestMs: mid((run) => run.firstRequestMs),
      totalMs: mid((run) => run.totalMs),
      modules: measured[0].modules,
      bytes: measured[0].bytes,
    };
  });
  const floor = (name: string) => results.find((result) => result.name === name)?.totalMs ?? NaN;
  return results.map((result) => ({
    ...result,
    ratio: round(result.totalMs / floor('baseline'), 2),
    ratioRest: round(result.totalMs / floor('baseline-rest'), 2),
    ratioSync: round(result.totalMs / floor('baseline-sync'), 2),
  }));
}
