import { setLogSink } from '../../src/logger';
import { recordingLogLayout } from '../../src/recording-log/recording-log';
import { ShardedLayout } from '../../src/recording-log/sharded-layout';
import { SingleMapLayout } from '../../src/recording-log/single-map-layout';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../support/fixtures';

const lines: string[] = [];
beforeAll(() => setLogSink((line) => lines.push(line)));
afterAll(() => setLogSink(undefined));
beforeEach(() => {
  lines.length = 0;
});

const env = (layout?: string) => ({
  ACCOUNT_SID: TEST_ACCOUNT_SID,
  AUTH_TOKEN: TEST_AUTH_TOKEN,
  ...(layout === undefined ? {} : { RECORDING_LOG_LAYOUT: layout }),
});

it.each([
  [undefined, ShardedLayout],
  ['sharded', ShardedLayout],
  ['single-map', SingleMapLayout],
])('RECORDING_LOG_LAYOUT=%s chooses its layout, quietly', (layout, kind) => {
  expect(recordingLogLayout(env(layout))).toBeInstanceOf(kind);
  expect(lines).toEqual([]);
});

it('falls back to the sharded layout for an unknown value, with a warning naming the setting', () => {
  expect(recordingLogLayout(env('one-big-map'))).toBeInstanceOf(ShardedLayout);
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({
      level: 'warn',
      event: 'recording-log.unknown-layout',
      RECORDING_LOG_LAYOUT: 'one-big-map',
    }),
  ]);
});
