import { cpus, totalmem } from 'node:os';
import { round } from './stats';

/** The machine a run was measured on, printed first and kept with its figures. */
export function machine() {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    date: new Date().toISOString(),
  };
}

export function describeMachine(measured: ReturnType<typeof machine>): string {
  return `Machine: ${measured.cores} cores (${measured.cpu}), ${measured.memoryGiB} GiB, Node ${measured.node}, ${measured.date.slice(0, 10)}`;
}

/** A plain-text table, one row per object, columns in the first row's key order. */
export function table(rows: Array<Record<string, unknown>>): string {
  const columns = Object.keys(rows[0]);
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => String(row[column]).length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  return [
    line(columns),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(columns.map((column) => String(row[column])))),
  ].join('\n');
}
