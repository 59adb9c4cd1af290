import { withOverrides } from '../../local/with-overrides';

describe('withOverrides', () => {
  it('shows the changes to the work, then puts back what was there and removes what was not', async () => {
    const env: Record<string, string | undefined> = { KEPT: 'a', CHANGED: 'before' };
    const seen = await withOverrides(env, { CHANGED: 'during', ADDED: 'new' }, () => ({ ...env }));
    expect(seen).toEqual({ KEPT: 'a', CHANGED: 'during', ADDED: 'new' });
    expect(env).toEqual({ KEPT: 'a', CHANGED: 'before' });
    expect('ADDED' in env).toBe(false);
  });

  it('restores after asynchronous work that throws, and passes the error on', async () => {
    const settings = { latencyMs: 0, strict: false };
    await expect(
      withOverrides(settings, { latencyMs: 200 }, async () => {
        await new Promise((resolve) => setImmediate(resolve));
        expect(settings.latencyMs).toBe(200);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(settings).toEqual({ latencyMs: 0, strict: false });
  });

  it('keeps a property that was there with the value undefined', async () => {
    const env: Record<string, string | undefined> = { UNSET: undefined };
    await withOverrides(env, { UNSET: 'set' }, () => undefined);
    expect(Object.keys(env)).toEqual(['UNSET']);
    expect(env.UNSET).toBeUndefined();
  });
});
