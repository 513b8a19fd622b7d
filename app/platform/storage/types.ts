import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";

/**
 * Where evidence files live: a folder on this machine, or a private Supabase Storage bucket.
 * Keys are made by the server (`newStorageKey`), never taken from a person; the size limit and
 * the type check happen before `put` (see app/utils/upload.server.ts).
 */
export type StorageAdapter = {
  kind: "local" | "supabase";
  /** Stores a stream under a new key; refuses a key that is already taken. */
  put(key: string, body: Readable, options: { contentType: string; byteSize: number }): Promise<void>;
  /** A stream of a stored file's bytes; throws StoredFileMissing when there is none. */
  open(key: string): Promise<Readable>;
  /** Removes a stored file; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A link that downloads the file directly from the store for the next 60 seconds, offered as an
   * attachment named `downloadName`. Only stores that serve files themselves have one.
   */
  signedUrl?(key: string, options: { downloadName: string }): Promise<string>;
};

/** How long a signed download link works. */
export const SIGNED_URL_SECONDS = 60;

/** Thrown when asked to open a file the store does not hold. */
export class StoredFileMissing extends Error {
  constructor(key: string) {
    super(`No stored file under ${key}`);
    this.name = "StoredFileMissing";
  }
}

/** Thrown for a key the server could not have made (a user's path, `..`, another folder). */
export class InvalidStorageKey extends Error {
  constructor(key: string) {
    super(`Not a storage key: ${JSON.stringify(key).slice(0, 80)}`);
    this.name = "InvalidStorageKey";
  }
}

// Lower-case letters, digits, `_` and `-`, in segments joined by single slashes: the schema's
// `^[a-z0-9/_-]+$`, without empty, leading or trailing segments.
const KEY = /^[a-z0-9_-]+(\/[a-z0-9_-]+)*$/;

/** Refuses anything but a key the server makes. */
export function assertStorageKey(key: string): void {
  if (typeof key !== "string" || key.length > 200 || !KEY.test(key)) throw new InvalidStorageKey(key);
}

/** A new key for a strategy's file: `<strategyId>/<random uuid>`. */
export function newStorageKey(strategyId: string): string {
  const key = `${strategyId.toLowerCase()}/${randomUUID()}`;
  assertStorageKey(key);
  return key;
}
