/**
 * Runs `work` with `changes` written over `target`'s properties, then puts every changed
 * property back as it was (one that was absent is removed again), whether `work` succeeded or
 * threw. For settings read live by running code: a Functions environment, the stand-in's
 * settings.
 */
export async function withOverrides<T extends object, R>(
  target: T,
  changes: Partial<T>,
  work: () => R | Promise<R>,
): Promise<R> {
  const before = Object.keys(changes).map((key) => ({
    key: key as keyof T,
    had: Object.prototype.hasOwnProperty.call(target, key),
    value: target[key as keyof T],
  }));
  Object.assign(target, changes);
  try {
    return await work();
  } finally {
    for (const { key, had, value } of before) {
      if (had) target[key] = value;
      else delete target[key];
    }
  }
}
