import type { LocalTwilio } from '../../local/stand-in/server';
import { syncMapItemStore } from '../../scripts/bench/single-map/map-item-store';
import { budget as timeBudget } from '../../src/retry';
import { standInClient, startTestStandIn } from '../support/local-twilio';
import { standInRequest } from '../support/stand-in-request';

/** A budget no test here comes near: these tests are about Sync's answers, not time. */
const budget = () => timeBudget(60_000, 5_000);

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
    expect(await store.fetch('a')).toEqual({ ok: true, value: undefined });
    const created = await store.create('a', { n: 1 });
    if (!created.ok || typeof created.value !== 'object') throw new Error('create refused');
    expect(created.value.data).toEqual({ n: 1 });
    expect(await store.create('a', { n: 2 })).toEqual({ ok: true, value: 'already-exists' });
    const first = created.value.revision;
    const updated = await store.update('a', { n: 3 }, first);
    if (!updated.ok || typeof updated.value !== 'object') throw new Error('update refused');
    expect(updated.value.data).toEqual({ n: 3 });
    expect(updated.value.revision).not.toBe(first);
    expect(await store.update('a', { n: 4 }, first)).toEqual({
      ok: true,
      value: 'revision-mismatch',
    });
    expect(await store.fetch('a')).toEqual({
      ok: true,
      value: { data: { n: 3 }, revision: updated.value.revision },
    });
    const listed = await store.list(10);
    expect(listed.ok && listed.value.map((item) => item.key)).toEqual(['a']);
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
    await expect(
      client()
        .sync.v1.services('IS' + '0'.repeat(32))
        .syncMaps('codes')
        .fetch(),
    ).rejects.toMatchObject({ status: 404, code: 54050 });
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
    expect(await store.fetch('short')).toMatchObject({ ok: true, value: { data: { n: 1 } } });
    await twilio.clock.advance(2_000);
    expect(await store.fetch('short')).toEqual({ ok: true, value: undefined });
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
    const listed = await store.list(1000);
    const items = listed.ok ? listed.value : [];
    expect(items).toHaveLength(120);
    expect(items[119].data).toEqual({ n: 119 });
  });
});

/** Twilio's error body as twilio-node raises it: HTTP status and Sync code. */
const refusal = (status: number, code: number) => expect.objectContaining({ status, code });

describe('revisions and If-Match', () => {
  const sync = () => client().sync.v1.services('default');

  beforeAll(() => sync().syncMaps.create({ uniqueName: 'revisions' }));
  const items = () => sync().syncMaps('revisions').syncMapItems;

  it('hands out opaque revisions: strings that are no numbers and do not count up from 0', async () => {
    const a = await items().create({ key: 'opaque', data: { n: 1 } });
    const b = await items()('opaque').update({ data: { n: 2 } });
    for (const revision of [a.revision, b.revision]) {
      expect(typeof revision).toBe('string');
      expect(Number.isNaN(Number(revision))).toBe(true);
      expect(Number.isNaN(parseInt(revision, 10))).toBe(true);
    }
    expect(a.revision).not.toBe('0');
    expect(b.revision).not.toBe(a.revision);
  });

  it('compares If-Match with the revision as a string: only the revision exactly as given matches', async () => {
    const { revision } = await items().create({ key: 'exact', data: { n: 1 } });
    const other = await items().create({ key: 'other', data: { n: 1 } });
    const update = (ifMatch: string) => items()('exact').update({ data: { n: 2 }, ifMatch });
    // Not a revision at all, a number, or the revision quoted: 54003.
    for (const bad of ['nope!', '0', `"${revision}"`, `W/"${revision}"`])
      await expect(update(bad)).rejects.toEqual(refusal(400, 54003));
    // A revision, but not this item's current one: 54205.
    await expect(update(other.revision)).rejects.toEqual(refusal(412, 54205));
    expect((await items()('exact').fetch()).data).toEqual({ n: 1 });
    await expect(update(revision)).resolves.toMatchObject({ data: { n: 2 } });
  });

  it('honours If-Match on delete as on update', async () => {
    const { revision } = await items().create({ key: 'doomed', data: { n: 1 } });
    const moved = await items()('doomed').update({ data: { n: 2 } });
    await expect(items()('doomed').remove({ ifMatch: 'nope!' })).rejects.toEqual(
      refusal(400, 54003),
    );
    await expect(items()('doomed').remove({ ifMatch: revision })).rejects.toEqual(
      refusal(412, 54205),
    );
    expect((await items()('doomed').fetch()).data).toEqual({ n: 2 });
    await expect(items()('doomed').remove({ ifMatch: moved.revision })).resolves.toBe(true);
    await expect(items()('doomed').fetch()).rejects.toEqual(refusal(404, 54201));
  });

  it('moves the map’s revision and date_updated with its items, and keeps its date_created', async () => {
    const before = await sync().syncMaps('revisions').fetch();
    await twilio.clock.advance(5_000);
    const again = await sync().syncMaps('revisions').fetch();
    expect(again.dateCreated).toEqual(before.dateCreated);
    expect(again.dateUpdated).toEqual(before.dateUpdated);
    expect(again.revision).toBe(before.revision);
    await items().create({ key: 'moves-the-map', data: {} });
    const after = await sync().syncMaps('revisions').fetch();
    expect(after.dateCreated).toEqual(before.dateCreated);
    expect(after.dateUpdated.getTime()).toBe(before.dateUpdated.getTime() + 5_000);
    expect(after.revision).not.toBe(before.revision);
  });
});

describe('names, keys and data', () => {
  const sync = () => client().sync.v1.services('default');

  it('refuses a unique name that is empty, over 256 characters or shaped like a SID (54302)', async () => {
    for (const uniqueName of ['', 'n'.repeat(257), 'MP' + 'a'.repeat(32), 'ET' + '0'.repeat(32)])
      await expect(sync().syncMaps.create({ uniqueName })).rejects.toEqual(refusal(400, 54302));
    // Two-byte characters count twice: 129 of them are over 256.
    await expect(sync().syncMaps.create({ uniqueName: 'é'.repeat(129) })).rejects.toEqual(
      refusal(400, 54302),
    );
    const longest = await sync().syncMaps.create({ uniqueName: 'n'.repeat(256) });
    expect(longest.uniqueName).toBe('n'.repeat(256));
    // A map without a unique name is still fine.
    expect((await sync().syncMaps.create()).uniqueName).toBeNull();
  });

  it('takes keys of 1 to 256 bytes (54209)', async () => {
    await sync().syncMaps.create({ uniqueName: 'keys' });
    const items = () => sync().syncMaps('keys').syncMapItems;
    await expect(items().create({ key: 'k'.repeat(256), data: {} })).resolves.toBeTruthy();
    for (const key of ['k'.repeat(257), 'é'.repeat(129), 'x'.repeat(320)])
      await expect(items().create({ key, data: {} })).rejects.toEqual(refusal(400, 54209));
  });

  it('takes a JSON object as data, and refuses anything else', async () => {
    await sync().syncMaps.create({ uniqueName: 'data' });
    const items = () => sync().syncMaps('data').syncMapItems;
    await expect(items().create({ key: 'text', data: 'not json' })).rejects.toEqual(
      refusal(400, 54008),
    );
    await expect(items().create({ key: 'list', data: [1, 2] })).rejects.toEqual(
      refusal(400, 54008),
    );
    // twilio-node will not send a null; a raw request can.
    const nullData = await standInRequest(
      twilio,
      'POST',
      '/v1/Services/default/Maps/data/Items',
      { Key: 'null', Data: 'null' },
      { product: 'sync' },
    );
    expect(nullData.body).toEqual(expect.objectContaining({ status: 400, code: 54206 }));
    await expect(items().create({ key: 'object', data: { a: [1] } })).resolves.toMatchObject({
      data: { a: [1] },
    });
    // An update must change something (54010), and CollectionTtl alone does not count.
    await expect(items()('object').update({})).rejects.toEqual(refusal(400, 54010));
    await expect(items()('object').update({ collectionTtl: 60 })).rejects.toEqual(
      refusal(400, 54010),
    );
  });
});

describe('TTLs', () => {
  const sync = () => client().sync.v1.services('default');
  const YEAR = 31_536_000;

  afterEach(() => {
    twilio.sync.ttlSkewMs = 0;
  });

  it('refuses a TTL outside 0 to one year (54011) on items and maps', async () => {
    await sync().syncMaps.create({ uniqueName: 'ttl-range' });
    const items = () => sync().syncMaps('ttl-range').syncMapItems;
    await items().create({ key: 'k', data: {} });
    for (const ttl of [-5, YEAR + 1, 999_999_999]) {
      await expect(items().create({ key: `c${ttl}`, data: {}, itemTtl: ttl })).rejects.toEqual(
        refusal(400, 54011),
      );
      await expect(items().create({ key: `t${ttl}`, data: {}, ttl })).rejects.toEqual(
        refusal(400, 54011),
      );
      await expect(items()('k').update({ data: {}, ttl })).rejects.toEqual(refusal(400, 54011));
      await expect(
        items().create({ key: `m${ttl}`, data: {}, collectionTtl: ttl }),
      ).rejects.toEqual(refusal(400, 54011));
      await expect(
        sync().syncMaps.create({ uniqueName: `ttl${ttl}`, collectionTtl: ttl }),
      ).rejects.toEqual(refusal(400, 54011));
    }
    expect(twilio.sync.snapshot('ttl-range').map((item) => item.key)).toEqual(['k']);
    const yearLong = await items().create({ key: 'year', data: {}, itemTtl: YEAR });
    expect(yearLong.dateExpires.getTime() - yearLong.dateCreated.getTime()).toBe(YEAR * 1000);
    // 0 leaves (or makes) the item permanent.
    expect((await items()('year').update({ data: {}, ttl: 0 })).dateExpires).toBeNull();
  });

  it('keeps an item’s expiry through updates that give no new TTL', async () => {
    await sync().syncMaps.create({ uniqueName: 'ttl-kept' });
    const items = () => sync().syncMaps('ttl-kept').syncMapItems;
    const created = await items().create({ key: 'k', data: { n: 1 }, itemTtl: 60 });
    await twilio.clock.advance(30_000);
    const updated = await items()('k').update({ data: { n: 2 } });
    expect(updated.dateExpires).toEqual(created.dateExpires);
    await twilio.clock.advance(31_000);
    await expect(items()('k').fetch()).rejects.toEqual(refusal(404, 54201));
  });

  it('expires a whole map after its TTL, set on the map or through an item (CollectionTtl)', async () => {
    const byMap = await sync().syncMaps.create({ uniqueName: 'short-map', ttl: 60 });
    expect(byMap.dateExpires.getTime() - byMap.dateCreated.getTime()).toBe(60_000);
    await sync().syncMaps.create({ uniqueName: 'short-via-item' });
    await sync()
      .syncMaps('short-via-item')
      .syncMapItems.create({ key: 'k', data: {}, collectionTtl: 30 });
    expect((await sync().syncMaps('short-via-item').fetch()).dateExpires).not.toBeNull();
    await twilio.clock.advance(31_000);
    await expect(sync().syncMaps('short-via-item').fetch()).rejects.toEqual(refusal(404, 54300));
    await expect(sync().syncMaps('short-map').fetch()).resolves.toBeTruthy();
    await twilio.clock.advance(30_000);
    await expect(sync().syncMaps('short-map').syncMapItems.list()).rejects.toEqual(
      refusal(404, 54300),
    );
    // The name is free again.
    await expect(sync().syncMaps.create({ uniqueName: 'short-map' })).resolves.toBeTruthy();
  });

  it('can expire late or early, as Twilio’s approximate TTL may', async () => {
    await sync().syncMaps.create({ uniqueName: 'ttl-skew' });
    const items = () => sync().syncMaps('ttl-skew').syncMapItems;
    await items().create({ key: 'late', data: {}, itemTtl: 60 });
    twilio.sync.ttlSkewMs = 120_000;
    await twilio.clock.advance(90_000);
    const lingering = await items()('late').fetch();
    expect(lingering.dateExpires.getTime()).toBeLessThan(twilio.clock.now());
    await items().create({ key: 'early', data: {}, itemTtl: 60 });
    twilio.sync.ttlSkewMs = -30_000;
    await twilio.clock.advance(31_000);
    await expect(items()('early').fetch()).rejects.toEqual(refusal(404, 54201));
  });
});

describe('listing', () => {
  const sync = () => client().sync.v1.services('default');

  it('refuses a PageSize outside 1 to 100 (54454) and a PageToken it did not hand out (54453)', async () => {
    await sync().syncMaps.create({ uniqueName: 'pages' });
    const items = () => sync().syncMaps('pages').syncMapItems;
    for (let i = 0; i < 3; i += 1) await items().create({ key: `k${i}`, data: {} });
    await expect(items().page({ pageSize: 100 })).resolves.toBeTruthy();
    await expect(items().page({ pageSize: 101 })).rejects.toEqual(refusal(400, 54454));
    // twilio-node asks for a page as large as the limit when no page size is given.
    await expect(items().list({ limit: 500 })).rejects.toEqual(refusal(400, 54454));
    await expect(items().list({ limit: 500, pageSize: 100 })).resolves.toHaveLength(3);
    const path = (query: string) => `/v1/Services/default/Maps/pages/Items?${query}`;
    for (const query of ['PageSize=0', 'PageSize=abc', 'PageSize=1.5'])
      expect(
        (await standInRequest(twilio, 'GET', path(query), {}, { product: 'sync' })).body,
      ).toEqual(expect.objectContaining({ status: 400, code: 54454 }));
    for (const query of ['PageToken=abc', 'PageToken=-1', 'PageToken='])
      expect(
        (await standInRequest(twilio, 'GET', path(query), {}, { product: 'sync' })).body,
      ).toEqual(expect.objectContaining({ status: 400, code: 54453 }));
  });
});

describe('what a refused request costs', () => {
  it('counts a write refused for the object’s state, not one refused for its own content', async () => {
    const limited = await startTestStandIn();
    try {
      const sync = standInClient(limited).sync.v1.services('default');
      await sync.syncMaps.create({ uniqueName: 'costs' });
      const items = () => sync.syncMaps('costs').syncMapItems;
      const settle = (count: number, send: () => Promise<unknown>) =>
        Promise.allSettled(Array.from({ length: count }, send));
      // 250 keys too long (54209): refused before they reach the map, so free.
      await settle(250, () => items().create({ key: 'x'.repeat(300), data: {} }));
      await items().create({ key: 'taken', data: {} });
      // 199 more creates of a taken key (54208): each reached the map and cost a write.
      const duplicates = await settle(199, () => items().create({ key: 'taken', data: {} }));
      expect(
        duplicates.every(
          (outcome) =>
            outcome.status === 'rejected' && (outcome.reason as { code?: number }).code === 54208,
        ),
      ).toBe(true);
      await expect(items().create({ key: 'fresh', data: {} })).rejects.toEqual(refusal(429, 54009));
    } finally {
      await limited.close();
    }
  });
});
