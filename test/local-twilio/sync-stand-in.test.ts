import type { LocalTwilio } from '../../local/stand-in/server';
import { syncMapItemStore } from '../../src/recording-log/map-item-store';
import { logBudget } from '../../src/recording-log/sync-request';
import { standInClient, startTestStandIn } from '../support/local-twilio';

/** A budget no test here comes near: these tests are about Sync's answers, not time. */
const budget = () => logBudget(60_000, 5_000);

let twilio: LocalTwilio;

const client = () => standInClient(twilio);

beforeAll(async () => {
  twilio = await startTestStandIn();
});
afterAll(() => twilio.close());

describe('Sync Maps through the real twilio library', () => {
  it('creates the map on first use, then creates, fetches and updates items with revisions', async () => {
    const store = syncMapItemStore<{ n: number }>(
      client(),
      {
        serviceSid: 'default',
        mapName: 'first-use',
        itemTtlSeconds: 0,
      },
      budget(),
    );
    expect(await store.fetch('a')).toBeUndefined();
    const created = await store.create('a', { n: 1 });
    expect(created).toEqual({ ok: true, value: { data: { n: 1 }, revision: '0' } });
    expect(await store.create('a', { n: 2 })).toEqual({ ok: false, error: 'already-exists' });
    const updated = await store.update('a', { n: 3 }, '0');
    expect(updated).toEqual({ ok: true, value: { data: { n: 3 }, revision: '1' } });
    expect(await store.update('a', { n: 4 }, '0')).toEqual({
      ok: false,
      error: 'revision-mismatch',
    });
    expect(await store.fetch('a')).toEqual({ data: { n: 3 }, revision: '1' });
    expect((await store.list(10)).map((item) => item.key)).toEqual(['a']);
  });

  it('answers Sync’s error codes', async () => {
    const sync = client().sync.v1.services('default');
    await expect(sync.syncMaps('missing').syncMapItems('k').fetch()).rejects.toMatchObject({
      status: 404,
      code: 54300,
    });
    await expect(
      sync
        .syncMaps('MP' + '0'.repeat(32))
        .syncMapItems('k')
        .fetch(),
    ).rejects.toMatchObject({ status: 404, code: 54200 });
    await sync.syncMaps.create({ uniqueName: 'codes' });
    await expect(sync.syncMaps.create({ uniqueName: 'codes' })).rejects.toMatchObject({
      status: 409,
      code: 54301,
    });
    await expect(sync.syncMaps('codes').syncMapItems('k').fetch()).rejects.toMatchObject({
      status: 404,
      code: 54201,
    });
    await sync.syncMaps('codes').syncMapItems.create({ key: 'k', data: {} });
    await expect(
      sync.syncMaps('codes').syncMapItems.create({ key: 'k', data: {} }),
    ).rejects.toMatchObject({ status: 409, code: 54208 });
    await expect(
      sync.syncMaps('codes').syncMapItems('k').update({ data: {}, ifMatch: 'nope!' }),
    ).rejects.toMatchObject({ code: 54003 });
    await expect(
      sync.syncMaps('codes').syncMapItems.create({ key: 'x'.repeat(400), data: {} }),
    ).rejects.toMatchObject({ code: 54209 });
  });

  it('expires items after their TTL, on the stand-in’s clock', async () => {
    const store = syncMapItemStore<{ n: number }>(
      client(),
      {
        serviceSid: 'default',
        mapName: 'ttl',
        itemTtlSeconds: 60,
      },
      budget(),
    );
    await store.create('short', { n: 1 });
    await twilio.clock.advance(59_000);
    expect(await store.fetch('short')).toBeDefined();
    await twilio.clock.advance(2_000);
    expect(await store.fetch('short')).toBeUndefined();
  });

  it('pages through long lists', async () => {
    const store = syncMapItemStore<{ n: number }>(
      client(),
      {
        serviceSid: 'default',
        mapName: 'long',
        itemTtlSeconds: 0,
      },
      budget(),
    );
    for (let i = 0; i < 120; i += 1) await store.create(`k${String(i).padStart(3, '0')}`, { n: i });
    const items = await store.list(1000);
    expect(items).toHaveLength(120);
    expect(items[119].data).toEqual({ n: 119 });
  });
});
