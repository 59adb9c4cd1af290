// A waveform's outline: the lowest and highest sample under each pixel column. No DOM here, so
// that it can be unit-tested.

export interface ColumnRange {
  min: number;
  max: number;
}

/**
 * Splits `samples` into `columns` equal runs and keeps each run's min and max. With fewer
 * samples than columns, a column shows the one sample under it; with none, silence.
 */
export function columnRanges(samples: ArrayLike<number>, columns: number): ColumnRange[] {
  const ranges: ColumnRange[] = [];
  const count = samples.length;
  for (let column = 0; column < columns; column++) {
    if (count === 0) {
      ranges.push({ min: 0, max: 0 });
      continue;
    }
    const start = Math.floor((column * count) / columns);
    const end = Math.max(start + 1, Math.floor(((column + 1) * count) / columns));
    let min = Infinity;
    let max = -Infinity;
    for (let index = start; index < end && index < count; index++) {
      const sample = samples[index];
      if (sample < min) min = sample;
      if (sample > max) max = sample;
    }
    ranges.push({ min: clampSample(min), max: clampSample(max) });
  }
  return ranges;
}

const clampSample = (value: number) =>
  Number.isFinite(value) ? Math.min(1, Math.max(-1, value)) : 0;

/** The rows a column covers in a lane `height` pixels tall centred on its middle; at least one. */
export function columnRows(range: ColumnRange, height: number): { top: number; bottom: number } {
  const middle = height / 2;
  const top = Math.floor(middle - range.max * middle);
  const bottom = Math.ceil(middle - range.min * middle);
  return { top: Math.max(0, top), bottom: Math.min(height, Math.max(bottom, top + 1)) };
}
