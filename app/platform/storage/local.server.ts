import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertStorageKey, InvalidStorageKey, StoredFileMissing, type StorageAdapter } from "./types";

/**
 * Files in a folder on this machine (by default `<DATA_DIR>/files`), one file per key. A file is
 * written under a temporary name first and renamed into place once complete, so a reader never
 * sees half a file and a failed upload leaves nothing behind under its key.
 */
export function createLocalStorage({ root }: { root: string }): StorageAdapter {
  const base = path.resolve(root);
  const partial = path.join(base, ".partial");

  /** The file for a key, refusing anything that is not a server-made key inside the folder. */
  function fileFor(key: string): string {
    assertStorageKey(key);
    const file = path.resolve(base, ...key.split("/"));
    if (!file.startsWith(base + path.sep)) throw new InvalidStorageKey(key);
    return file;
  }

  return {
    kind: "local",

    async put(key, body, { byteSize }) {
      const file = fileFor(key);
      if (await exists(file)) throw new Error(`A file is already stored under ${key}`);
      await fs.promises.mkdir(partial, { recursive: true, mode: 0o700 });
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = path.join(partial, randomUUID());
      let written = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          written += chunk.length;
          callback(null, chunk);
        },
      });
      // The file is opened (created) before anything streams, so that when the body breaks off
      // the removal below cannot run before a lazily opened stream creates it.
      const handle = await fs.promises.open(temporary, "wx", 0o600);
      try {
        await pipeline(body, count, handle.createWriteStream());
        if (written !== byteSize) throw new Error(`Expected ${byteSize} bytes for ${key}, received ${written}`);
        await fs.promises.rename(temporary, file);
      } catch (error) {
        await handle.close().catch(() => undefined);
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },

    async open(key) {
      const file = fileFor(key);
      let handle: fs.promises.FileHandle;
      try {
        handle = await fs.promises.open(file, "r");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StoredFileMissing(key);
        throw error;
      }
      return handle.createReadStream() as Readable;
    },

    async delete(key) {
      await fs.promises.rm(fileFor(key), { force: true });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(
    () => true,
    () => false,
  );
}
