/**
 * Sync's documented rate limits, enforced by the stand-in on its own clock, through the real
 * twilio library: each limit bites, and an object kept under its limit is never refused.
 */
import type { LocalTwilio } from '../../local/stand-in/server';
import { startTwilioStandIn } from '../../local/stand-in/server';
import { writeUnits } from '../../local/stand-in/sync-limits';
import { standInClient } from '../support/local-twilio';

let twilio: LocalTwilio;
const service = () => standInClient(twilio).sync.v1.services('default');

beforeEach(async () => {
  twilio = await startTwilioStandIn();
});
afterEach(() => twilio.close());

/** Sends `count` requests at the same instant and counts the answers by outcome. */
async function burst(count: number, send: (index: number) => Promise<unknown>) {
  const outcomes = await Promise.allSettled(Array.from({ length: count }, (_, i) => send(i)));
  const refused = outcomes.filter(
    (outcome) =>
      outcome.status === 'rejected' &&
      (outcome.reason as { status?: number; code?: number }).status === 429 &&
      (outcome.reason as { code?: number }).code === 54009,
  ).length;
  const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
  return { accepted, refused, other: count - accepted - refused };
}

const data = (bytes: number) => ({ pad: 'x'.repeat(Math.max(0, bytes - 10)) });

describe('writes to one object', () => {
  it('accepts a burst of 200 in a 10-second window, refuses the next with 429 / 54009, and applies nothing refused', async () => {
    await service().syncMaps.create({ uniqueName: 'w' });
    const items = () => service().syncMaps('w').syncMapItems;
    expect(await burst(210, (i) => items().create({ key: `k${i}`, data: {} }))).toEqual({
      accepted: 200,
      refused: 10,
      other: 0,
    });
    expect(twilio.sync.snapshot('w')).toHaveLength(200);
    // Another map has its own budget.
    await service().syncMaps.create({ uniqueName: 'other' });
    await expect(
      service().syncMaps('other').syncMapItems.create({ key: 'a', data: {} }),
    ).resolves.toBeTruthy();
    // Once the window has passed, writes are accepted again.
    await twilio.clock.advance(10_000);
    await expect(items().create({ key: 'later', data: {} })).resolves.toBeTruthy();
  });

  it('never refuses a sustained 20 writes per second', async () => {
    await service().syncMaps.create({ uniqueName: 'steady' });
    let refused = 0;
    for (let second = 0; second < 40; second += 1) {
      const result = await burst(20, (i) =>
        service()
          .syncMaps('steady')
          .syncMapItems.create({ key: `s${second}-${i}`, data: {} }),
      );
      refused += result.refused;
      await twilio.clock.advance(1000);
    }
    expect(refused).toBe(0);
    expect(twilio.sync.snapshot('steady')).toHaveLength(800);
  });

  it('refuses part of a sustained 25 writes per second', async () => {
    await service().syncMaps.create({ uniqueName: 'fast' });
    let refused = 0;
    for (let second = 0; second < 30; second += 1) {
      refused += (
        await burst(25, (i) =>
          service()
            .syncMaps('fast')
            .syncMapItems.create({ key: `f${second}-${i}`, data: {} }),
        )
      ).refused;
      await twilio.clock.advance(1000);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it.each([
    [1024, 200],
    [1025, 100],
    [2048, 100],
    [5 * 1024, 40],
    [9300, 22],
    [10 * 1024 - 1, 22],
    [10 * 1024, 20],
    [15 * 1024, 20],
  ])('limits %d-byte payloads to %d writes per window', async (bytes, allowed) => {
    await service().syncMaps.create({ uniqueName: 'big' });
    const result = await burst(allowed + 5, (i) =>
      service()
        .syncMaps('big')
        .syncMapItems.create({ key: `b${i}`, data: data(bytes) }),
    );
    expect(result).toEqual({ accepted: allowed, refused: 5, other: 0 });
  });

  it('refuses a payload over 16 KiB outright (54006)', async () => {
    await service().syncMaps.create({ uniqueName: 'huge' });
    await expect(
      service()
        .syncMaps('huge')
        .syncMapItems.create({ key: 'h', data: data(17 * 1024) }),
    ).rejects.toMatchObject({ status: 413, code: 54006 });
  });
});

describe('reads of one object', () => {
  it('are counted apart from writes, 200 per window', async () => {
    await service().syncMaps.create({ uniqueName: 'r' });
    const items = () => service().syncMaps('r').syncMapItems;
    await items().create({ key: 'k', data: {} });
    expect(await burst(205, () => items()('k').fetch())).toEqual({
      accepted: 200,
      refused: 5,
      other: 0,
    });
    // Listing reads the map too.
    await expect(items().list({ limit: 10 })).rejects.toMatchObject({ code: 54009 });
    // The map's writes are untouched by its reads.
    await expect(items().create({ key: 'k2', data: {} })).resolves.toBeTruthy();
  });
});

describe('creating objects', () => {
  it('allows 200 new maps per 10-second window in a service, then 54009', async () => {
    const result = await burst(205, (i) => service().syncMaps.create({ uniqueName: `m${i}` }));
    expect(result).toEqual({ accepted: 200, refused: 5, other: 0 });
    await twilio.clock.advance(10_000);
    await expect(service().syncMaps.create({ uniqueName: 'after' })).resolves.toBeTruthy();
  });
});

describe('the cost of a write', () => {
  it('is Twilio’s at both documented ends: 1 unit up to 1 KiB (20/s), 10 from 10 KiB (2/s)', () => {
    expect([0, 1, 512, 1024].map(writeUnits)).toEqual([1, 1, 1, 1]);
    expect([10 * 1024, 12_000, 16 * 1024].map(writeUnits)).toEqual([10, 10, 10]);
  });

  it('is between the ends from 1 KiB to 10 KiB: dearer than 1 unit, never 10 (2/s)', () => {
    const between = Array.from({ length: 10 * 1024 - 1025 }, (_, i) => writeUnits(1025 + i));
    expect(Math.min(...between)).toBe(2);
    expect(Math.max(...between)).toBe(9);
    // Never cheaper for a larger payload.
    expect(between.every((units, i) => i === 0 || units >= between[i - 1])).toBe(true);
    // A 9.3 KB write is not yet at the 10 KiB tier.
    expect(writeUnits(9300)).toBe(9);
  });
});
