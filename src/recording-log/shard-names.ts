/**
 * Which Sync Map holds a call's entries: one of `shards` Maps named after the log's prefix, the
 * shard count and the index, chosen by a hash of the CallSid (see sharded-log.ts for why).
 */

/** The map a call's entries live in, for a given shard count. */
export function shardMapName(prefix: string, shards: number, callSid: string): string {
  return shardName(prefix, shards, fnv1a(callSid) % shards);
}

/** The name of shard `index` of `shards`: `<prefix>-<shards>-<index>`, the index zero-padded. */
export function shardName(prefix: string, shards: number, index: number): string {
  return `${prefix}-${shards}-${String(index).padStart(String(shards - 1).length, '0')}`;
}

/** FNV-1a, 32 bits: stable across versions and platforms, and even enough for SIDs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
