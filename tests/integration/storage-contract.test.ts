import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "~/platform/storage/local.server";
import { InvalidStorageKey, newStorageKey, StoredFileMissing, type StorageAdapter } from "~/platform/storage/types";

/*
 * One contract for every StorageAdapter: what the upload and download code relies on, whatever
 * keeps the files. It runs on the local folder always, and on Supabase Storage when
 * SUPABASE_TEST_URL and SUPABASE_TEST_SERVICE_KEY name a project (the bucket,
 * SUPABASE_TEST_BUCKET or "evidence-contract-test", is created private if it is missing).
 */

const STRATEGY = "c0417ac7-0000-4000-8000-000000000001";
const PDF = "application/pdf";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A stream of `size` bytes in 64 KB pieces, made as it is read (never one buffer). */
function generated(size: number, seed = 7): { stream: Readable; digest: Promise<string> } {
  const hash = createHash("sha256");
  let resolve!: (digest: string) => void;
  const digest = new Promise<string>((r) => (resolve = r));
  async function* pieces() {
    let left = size;
    let n = seed;
    while (left > 0) {
      const piece = Buffer.alloc(Math.min(64 * 1024, left));
      for (let i = 0; i < piece.length; i++) piece[i] = (n = (n * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      hash.update(piece);
      left -= piece.length;
      yield piece;
    }
    resolve(hash.digest("hex"));
  }
  return { stream: Readable.from(pieces()), digest };
}

/** The behaviour every StorageAdapter promises. */
function storageContract(name: string, makeAdapter: () => Promise<StorageAdapter>) {
  describe(`the ${name} storage adapter`, () => {
    let storage: StorageAdapter;
    beforeAll(async () => {
      storage = await makeAdapter();
    });

    it("gives back exactly the bytes it was given, every byte value included", async () => {
      const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096)]);
      const key = newStorageKey(STRATEGY);
      await storage.put(key, Readable.from([bytes]), { contentType: PDF, byteSize: bytes.length });
      expect(sha256(await readAll(await storage.open(key)))).toBe(sha256(bytes));
      await storage.delete(key);
    });

    it("stores a stream of several megabytes as it arrives", async () => {
      const size = 3 * 1024 * 1024 + 17;
      const { stream, digest } = generated(size);
      const key = newStorageKey(STRATEGY);
      await storage.put(key, stream, { contentType: PDF, byteSize: size });
      const back = await readAll(await storage.open(key));
      expect(back.length).toBe(size);
      expect(sha256(back)).toBe(await digest);
      await storage.delete(key);
    });

    it("refuses to store over a key that is taken, and keeps the first file", async () => {
      const key = newStorageKey(STRATEGY);
      await storage.put(key, Readable.from([Buffer.from("first")]), { contentType: PDF, byteSize: 5 });
      await expect(storage.put(key, Readable.from([Buffer.from("second")]), { contentType: PDF, byteSize: 6 })).rejects.toThrow();
      expect((await readAll(await storage.open(key))).toString()).toBe("first");
      await storage.delete(key);
    });

    it("keeps nothing of a body that breaks off or is not the size promised", async () => {
      const broken = newStorageKey(STRATEGY);
      async function* breaksOff() {
        yield Buffer.alloc(1024, 1);
        throw new Error("the connection was lost");
      }
      await expect(storage.put(broken, Readable.from(breaksOff()), { contentType: PDF, byteSize: 4096 })).rejects.toThrow();
      await expect(storage.open(broken)).rejects.toBeInstanceOf(StoredFileMissing);

      const short = newStorageKey(STRATEGY);
      await expect(storage.put(short, Readable.from([Buffer.alloc(10)]), { contentType: PDF, byteSize: 11 })).rejects.toThrow(/Expected 11 bytes/);
      await expect(storage.open(short)).rejects.toBeInstanceOf(StoredFileMissing);
    });

    it("says a file is missing when there is none, and deletes idempotently", async () => {
      const key = newStorageKey(STRATEGY);
      await expect(storage.open(key)).rejects.toBeInstanceOf(StoredFileMissing);
      await storage.put(key, Readable.from([Buffer.from("x")]), { contentType: PDF, byteSize: 1 });
      await storage.delete(key);
      await expect(storage.open(key)).rejects.toBeInstanceOf(StoredFileMissing);
      await storage.delete(key);
    });

    it.each([
      "../../etc/passwd",
      "/etc/passwd",
      `${STRATEGY}/../../outside`,
      `${STRATEGY}/report.pdf`,
      `${STRATEGY}//double`,
      `${STRATEGY}/`,
      "UPPER/case",
      "back\\slash",
      "",
      `${STRATEGY}/%2e%2e`,
      `${"a".repeat(201)}`,
    ])("refuses the key %j for every operation", async (key) => {
      await expect(storage.put(key, Readable.from([Buffer.from("x")]), { contentType: PDF, byteSize: 1 })).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(storage.open(key)).rejects.toBeInstanceOf(InvalidStorageKey);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKey);
      if (storage.signedUrl) await expect(storage.signedUrl(key, { downloadName: "x.pdf" })).rejects.toBeInstanceOf(InvalidStorageKey);
    });

    it("makes keys of the strategy's id and a random uuid, in the schema's alphabet", () => {
      const key = newStorageKey(STRATEGY.toUpperCase());
      expect(key).toMatch(new RegExp(`^${STRATEGY}/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
      expect(key).toMatch(/^[a-z0-9/_-]+$/);
      expect(newStorageKey(STRATEGY)).not.toBe(newStorageKey(STRATEGY));
    });
  });
}

let localRoot: string;
beforeAll(() => {
  localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "hub-storage-"));
});
afterAll(() => fs.rmSync(localRoot, { recursive: true, force: true }));

storageContract("local", async () => createLocalStorage({ root: localRoot }));

describe("the local storage adapter, beyond the contract", () => {
  it("keeps each file readable by this process only, and leaves no partial file behind", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "hub-storage-"));
    const storage = createLocalStorage({ root });
    const key = newStorageKey(STRATEGY);
    await storage.put(key, Readable.from([Buffer.from("minutes")]), { contentType: PDF, byteSize: 7 });
    async function* breaksOff() {
      yield Buffer.alloc(10);
      throw new Error("the connection was lost");
    }
    await expect(storage.put(newStorageKey(STRATEGY), Readable.from(breaksOff()), { contentType: PDF, byteSize: 20 })).rejects.toThrow();
    expect(fs.statSync(path.join(root, ...key.split("/"))).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(root, ".partial"))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("has no signed links: the app serves the file itself after its own check", () => {
    expect(createLocalStorage({ root: localRoot }).signedUrl).toBeUndefined();
  });
});

const supabase = {
  url: process.env.SUPABASE_TEST_URL,
  serviceKey: process.env.SUPABASE_TEST_SERVICE_KEY,
  bucket: process.env.SUPABASE_TEST_BUCKET ?? "evidence-contract-test",
};
describe.runIf(Boolean(supabase.url && supabase.serviceKey))("on Supabase Storage", () => {
  // Imported only here: supabase-js warns about Node 20 as it loads.
  const makeAdapter = async () => {
    const { createSupabaseStorage } = await import("~/platform/storage/supabase.server");
    const storage = createSupabaseStorage({
      url: supabase.url!,
      serviceRoleKey: supabase.serviceKey!,
      bucket: supabase.bucket,
      maxBytes: 20 * 1024 * 1024,
    });
    await storage.ensureBucket();
    return storage;
  };
  storageContract("Supabase", makeAdapter);

  it("signs a link that downloads the file as an attachment, and no link works without signing", async () => {
    const storage = await makeAdapter();
    const bytes = Buffer.from(`%PDF-1.4 ${randomUUID()}`);
    const key = newStorageKey(STRATEGY);
    await storage.put(key, Readable.from([bytes]), { contentType: PDF, byteSize: bytes.length });
    const signed = await storage.signedUrl!(key, { downloadName: "Board minutes.pdf" });
    const response = await fetch(signed);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment/);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    const unsigned = await fetch(`${supabase.url}/storage/v1/object/public/${supabase.bucket}/${key}`);
    expect(unsigned.ok).toBe(false);
    await unsigned.arrayBuffer();
    await storage.delete(key);
  });
});
