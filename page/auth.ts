// The dashboard password: sent as HTTP Basic auth, kept for this tab only.
import type { PAGE_HEADER } from '../src/dashboard/view';

/** Basic auth needs a user name; the server checks only the password. */
const USER_NAME = 'dashboard';

/**
 * Tells the server that this page asks, so that a 401 carries no WWW-Authenticate header and
 * the browser shows no login dialog of its own over the page's form.
 */
export const REQUESTED_WITH: (typeof PAGE_HEADER)['value'] = 'recordings-page';

/** `Basic base64(user:password)`, with the password's UTF-8 bytes (btoa takes only Latin-1). */
export function basicAuthorization(password: string): string {
  const bytes = new TextEncoder().encode(`${USER_NAME}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export function authHeaders(password: string): Record<string, string> {
  return { Authorization: basicAuthorization(password), 'X-Requested-With': REQUESTED_WITH };
}

/** Where a password lives: sessionStorage in the page (gone when the tab closes). */
export interface PasswordStore {
  read(): string | undefined;
  write(password: string): void;
  forget(): void;
}

/** The part of the Web Storage API the store uses (sessionStorage in the page). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STORAGE_KEY = 'recordings-page.password';

/**
 * Keeps the password in `storage` (sessionStorage: this tab only, gone when it closes, never
 * sent anywhere but in the Authorization header). A browser that refuses storage (some private
 * modes throw) gets a store in memory instead: the password is then asked again on reload.
 */
export function tabPasswordStore(storage: KeyValueStorage | undefined): PasswordStore {
  let inMemory: string | undefined;
  const attempt = <T>(use: (s: KeyValueStorage) => T): T | undefined => {
    try {
      return storage ? use(storage) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    read: () => attempt((s) => s.getItem(STORAGE_KEY)) ?? inMemory,
    write: (password) => {
      inMemory = password;
      attempt((s) => s.setItem(STORAGE_KEY, password));
    },
    forget: () => {
      inMemory = undefined;
      attempt((s) => s.removeItem(STORAGE_KEY));
    },
  };
}
