import { columnRanges, columnRows } from '../../page/waveform';

describe('the waveform outline', () => {
  it('keeps the lowest and highest sample under each column', () => {
    const samples = [0, 0.5, -0.25, 0.1, 0.9, -0.8, 0, 0];
    expect(columnRanges(samples, 4)).toEqual([
      { min: 0, max: 0.5 },
      { min: -0.25, max: 0.1 },
      { min: -0.8, max: 0.9 },
      { min: 0, max: 0 },
    ]);
  });

  it('reaches every sample once, whatever the ratio of samples to columns', () => {
    const samples = Array.from({ length: 1001 }, (_, i) => (i === 1000 ? 1 : i === 0 ? -1 : 0));
    const ranges = columnRanges(samples, 7);
    expect(ranges[0].min).toBe(-1);
    expect(ranges[6].max).toBe(1);
  });

  it('spreads fewer samples than columns, and draws silence when there are none', () => {
    expect(columnRanges([0.5, -0.5], 4).map((range) => range.max)).toEqual([0.5, 0.5, -0.5, -0.5]);
    expect(columnRanges([], 2)).toEqual([
      { min: 0, max: 0 },
      { min: 0, max: 0 },
    ]);
  });

  it('clips samples past full scale', () => {
    expect(columnRanges([3, -2], 1)).toEqual([{ min: -1, max: 1 }]);
  });

  it('centres a column in its lane, and shows silence as one row', () => {
    expect(columnRows({ min: -0.5, max: 0.5 }, 56)).toEqual({ top: 14, bottom: 42 });
    expect(columnRows({ min: -1, max: 1 }, 56)).toEqual({ top: 0, bottom: 56 });
    expect(columnRows({ min: 0, max: 0 }, 56)).toEqual({ top: 28, bottom: 29 });
  });
});
