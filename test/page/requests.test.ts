import {
  basicAuthorization,
  authHeaders,
  tabPasswordStore,
  type KeyValueStorage,
} from '../../page/auth';
import { callsPath, isStatusFilter, sameOriginPath, STATUS_CHOICES } from '../../page/query';
import { simulatedCallBody } from '../../page/simulated-call';
import { STATUS_FILTERS } from '../../src/dashboard/view';

describe('what the page sends', () => {
  it('asks for the first page without a query, and puts each filter in its parameter', () => {
    expect(callsPath({})).toBe('/dashboard-calls');
    expect(callsPath({ callSid: '  ', status: undefined, date: '' })).toBe('/dashboard-calls');
    const path = callsPath(
      { callSid: ` CA${'a'.repeat(32)} `, status: 'absent', date: '2026-11-27' },
      'token/with+signs',
    );
    const query = new URLSearchParams(path.split('?')[1]);
    expect(path.startsWith('/dashboard-calls?')).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      CallSid: `CA${'a'.repeat(32)}`,
      Status: 'absent',
      Date: '2026-11-27',
      PageToken: 'token/with+signs',
    });
  });

  it("offers exactly the contract's status filters", () => {
    expect(STATUS_CHOICES).toEqual(STATUS_FILTERS);
    expect(isStatusFilter('completed')).toBe(true);
    expect(isStatusFilter('in-progress')).toBe(false);
  });

  it('sends the password only to its own service', () => {
    const origin = 'https://recordings-1234.twil.io';
    expect(sameOriginPath('/dashboard-audio?RecordingSid=RE1', origin)).toBe(
      '/dashboard-audio?RecordingSid=RE1',
    );
    expect(sameOriginPath('//evil.example/x', origin)).toBeUndefined();
    expect(sameOriginPath('https://evil.example/x', origin)).toBeUndefined();
    expect(sameOriginPath('/\\evil.example/x', origin)).toBeUndefined();
    expect(sameOriginPath('dashboard-audio', origin)).toBeUndefined();
  });

  it('sends the password as Basic credentials in UTF-8, with the header that silences the browser prompt', () => {
    const header = basicAuthorization('pässword');
    const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded).toBe('dashboard:pässword');
    expect(authHeaders('x')).toEqual({
      Authorization: basicAuthorization('x'),
      'X-Requested-With': 'recordings-page',
    });
  });

  it('leaves the choices left at "none" out of a simulated call', () => {
    expect(simulatedCallBody({ say: 'Great & quick' })).toBe('say=Great+%26+quick');
    expect(
      Object.fromEntries(
        new URLSearchParams(
          simulatedCallBody({ say: 'ok', consent: 'silent', fault: 'processing=30000' }),
        ),
      ),
    ).toEqual({ say: 'ok', consent: 'silent', fault: 'processing=30000' });
  });
});

describe('where the password is kept', () => {
  function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
    };
  }

  it('keeps it in the storage it is given, and forgets it', () => {
    const storage = memoryStorage();
    const store = tabPasswordStore(storage);
    expect(store.read()).toBeUndefined();
    store.write('secret');
    expect([...storage.items.values()]).toEqual(['secret']);
    expect(tabPasswordStore(storage).read()).toBe('secret');
    store.forget();
    expect(storage.items.size).toBe(0);
    expect(store.read()).toBeUndefined();
  });

  it('keeps it in memory when the browser refuses storage', () => {
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = tabPasswordStore(refusing);
    store.write('secret');
    expect(store.read()).toBe('secret');
    store.forget();
    expect(store.read()).toBeUndefined();
  });
});
