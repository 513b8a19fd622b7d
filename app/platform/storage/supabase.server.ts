import { Readable, Transform } from "node:stream";
import { createClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { EVIDENCE_FILE_TYPES } from "~/domain/evidence-files";
import { assertStorageKey, SIGNED_URL_SECONDS, StoredFileMissing, type StorageAdapter } from "./types";

type Options = { url: string; serviceRoleKey: string; bucket: string; maxBytes: number };

/**
 * Files in a private Supabase Storage bucket, reached with the service role key: the app decides
 * who may download (RLS on evidence_files) and hands out a 60-second signed link; the bucket's
 * objects are readable by nobody else (no storage policy grants anon or authenticated anything).
 */
export function createSupabaseStorage({ url, serviceRoleKey, bucket, maxBytes }: Options): StorageAdapter & {
  /** Creates the bucket (private, with the size limit and the accepted types) if it is missing; refuses a public one. */
  ensureBucket(): Promise<void>;
} {
  const supabase = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no native WebSocket; supabase-js' realtime client needs one to construct.
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const files = () => supabase.storage.from(bucket);

  return {
    kind: "supabase",

    async ensureBucket() {
      const { data, error } = await supabase.storage.getBucket(bucket);
      if (data) {
        if (data.public) throw new Error(`The Supabase Storage bucket "${bucket}" is public; evidence files need a private bucket`);
        return;
      }
      if (error && !isNotFound(error)) throw new Error(`Could not read the Supabase Storage bucket "${bucket}": ${error.message}`);
      const created = await supabase.storage.createBucket(bucket, {
        public: false,
        fileSizeLimit: maxBytes,
        allowedMimeTypes: [...EVIDENCE_FILE_TYPES],
      });
      if (created.error) throw new Error(`Could not create the Supabase Storage bucket "${bucket}": ${created.error.message}`);
    },

    async put(key, body, { contentType, byteSize }) {
      assertStorageKey(key);
      let sent = 0;
      const counted = body.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            sent += chunk.length;
            callback(null, chunk);
          },
        }),
      );
      body.once("error", (error) => counted.destroy(error));
      const { error } = await files().upload(key, counted, { contentType, upsert: false, duplex: "half", cacheControl: "0" });
      if (error) throw new Error(`Could not store ${key} in Supabase Storage: ${error.message}`);
      if (sent !== byteSize) {
        await files().remove([key]);
        throw new Error(`Expected ${byteSize} bytes for ${key}, sent ${sent}`);
      }
    },

    async open(key) {
      assertStorageKey(key);
      const { data, error } = await files().download(key).asStream();
      if (error) {
        if (isNotFound(error)) throw new StoredFileMissing(key);
        throw new Error(`Could not read ${key} from Supabase Storage: ${error.message}`);
      }
      return Readable.fromWeb(data as import("node:stream/web").ReadableStream<Uint8Array>);
    },

    async delete(key) {
      assertStorageKey(key);
      const { error } = await files().remove([key]);
      if (error && !isNotFound(error)) throw new Error(`Could not remove ${key} from Supabase Storage: ${error.message}`);
    },

    async signedUrl(key, { downloadName }) {
      assertStorageKey(key);
      const { data, error } = await files().createSignedUrl(key, SIGNED_URL_SECONDS, { download: downloadName });
      if (error) {
        if (isNotFound(error)) throw new StoredFileMissing(key);
        throw new Error(`Could not sign a link to ${key}: ${error.message}`);
      }
      return data.signedUrl;
    },
  };
}

/** Storage answers a missing object or bucket with 404 (or 400 "not_found" from older servers). */
function isNotFound(error: { message: string } & Partial<{ status: number; statusCode: string }>): boolean {
  return error.status === 404 || error.statusCode === "404" || /not[ _]?found/i.test(error.message);
}
