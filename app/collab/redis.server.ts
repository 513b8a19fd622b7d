import { Redis } from "@hocuspocus/extension-redis";

/**
 * Several instances serving one document: Hocuspocus' Redis extension relays every change and
 * presence update to the other instances that have the document open.
 *
 * Its store lock is left out: when two instances stored at once, the one that lost the lock would
 * skip its store (and log an error). Here the database already makes stores take turns (the
 * statement row is locked) and each store merges the stored state in, so every store is safe.
 */
export class RedisSync extends Redis {
  async onStoreDocument() {}
}

/** The extension's connection settings from a redis:// or rediss:// URL. */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    options: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
      tls: u.protocol === "rediss:" ? {} : undefined,
    },
  };
}
