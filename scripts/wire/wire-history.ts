import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../src/result';
import type { VoiceConfig } from './voice-config';

/**
 * Every configuration a wire replaced, newest last, so that no run can lose the one before it:
 * wiring twice, or losing the terminal, still leaves `--restore` able to go back step by step.
 * Kept next to .twiliodeployinfo and, like it, out of git.
 */
export const WIRE_HISTORY_FILE = '.wire-history.json';

export interface SavedVoiceConfig extends VoiceConfig {
  accountSid: string;
  phoneNumber: string;
  savedAt: string;
}

export class WireHistory {
  private constructor(
    private readonly file: string,
    private readonly entries: SavedVoiceConfig[],
  ) {}

  /** Reads the history; a file that cannot be read is an error, never silently replaced. */
  static open(folder: string): Result<WireHistory, string> {
    const file = join(folder, WIRE_HISTORY_FILE);
    if (!existsSync(file)) return ok(new WireHistory(file, []));
    try {
      const entries = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (!Array.isArray(entries) || !entries.every(isSavedConfig)) throw new Error('shape');
      return ok(new WireHistory(file, entries));
    } catch {
      return err(
        `${WIRE_HISTORY_FILE} is not readable; it holds the configurations earlier runs replaced, so move it aside before running again`,
      );
    }
  }

  latest(accountSid: string, phoneNumber: string): SavedVoiceConfig | undefined {
    return [...this.entries]
      .reverse()
      .find((entry) => entry.accountSid === accountSid && entry.phoneNumber === phoneNumber);
  }

  push(entry: SavedVoiceConfig): void {
    this.entries.push(entry);
    this.save();
  }

  remove(entry: SavedVoiceConfig): void {
    const at = this.entries.lastIndexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
    this.save();
  }

  // Written whole to a temporary file and renamed over the old one, so a crash mid-write
  // leaves the previous history intact.
  private save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.entries, null, 2)}\n`, 'utf8');
    renameSync(temporary, this.file);
  }
}

function isSavedConfig(value: unknown): value is SavedVoiceConfig {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.accountSid === 'string' &&
    typeof entry.phoneNumber === 'string' &&
    typeof entry.voiceUrl === 'string' &&
    (entry.voiceMethod === 'GET' || entry.voiceMethod === 'POST') &&
    typeof entry.savedAt === 'string'
  );
}
