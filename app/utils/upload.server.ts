/**
 * File uploads: a multipart form read as a stream, its file checked and stored before the action
 * sees it.
 *
 * - The size limit (UPLOAD_MAX_BYTES) is enforced while the body streams in: reading stops at the
 *   first byte past it, and nothing is held in memory (the file goes to a private temporary file).
 * - The type is decided from the content (magic bytes, via file-type), never from the name or the
 *   browser's claim: PDF, PNG, JPEG, DOCX, XLSX, ODT, or UTF-8 text (CSV when the name ends .csv).
 *   HTML, SVG, scripts with a shebang, executables and empty files are refused.
 * - The stored file gets a key the server makes (`<strategyId>/<uuid>`) and a display name made
 *   safe for pages and Content-Disposition.
 *
 * How an action uses it (the file input must be the form's LAST field: a body refused for its
 * size is not read any further, so fields after the file would be lost):
 *
 * ```ts
 * export async function action({ request, context, params }: ActionFunctionArgs) {
 *   const user = requireUser(context, request);
 *   const strategyId = requireId(params.strategyId);
 *   // …authorize first (a visitor's upload is never stored)…
 *   const { formData, staged, fileError } = await parseUpload(request, context.platform, { strategyId });
 *   const submission = parseWithZod(formData, { schema });
 *   if (submission.status !== "success" || fileError || !staged) {
 *     await discardStaged(context.platform.storage, staged);
 *     // 400 with submission.reply({ fieldErrors: { file: [fileError ?? "Select a file"] } })
 *   }
 *   try {
 *     const id = await withDb(context, async (tx) => {
 *       const fileId = await recordUploadedFile(tx, { strategyId, staged });
 *       return insertEvidence(tx, { …, fileId });
 *     });
 *     return redirect(…);
 *   } catch (error) {
 *     await discardStaged(context.platform.storage, staged); // the transaction rolled back
 *     throw error; // or map it with databaseErrorCode, as usual
 *   }
 * }
 * ```
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createHash } from "node:crypto";
import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { fileTypeFromFile } from "file-type/node";
import {
  EVIDENCE_FILE_TYPES,
  fileErrors,
  isEvidenceFileType,
  safeFileName,
  type EvidenceFileType,
} from "~/domain/evidence-files";
import { insertEvidenceFile } from "~/models/evidence-files.server";
import type { Tx } from "~/platform/db.server";
import { newStorageKey, type StorageAdapter } from "~/platform/storage/types";

/** A file that passed every check and is already in storage, waiting to be recorded. */
export type StagedFile = {
  strategyId: string;
  storageKey: string;
  sha256: string;
  byteSize: number;
  contentType: EvidenceFileType;
  /** Safe to show and to offer as a download name. */
  fileName: string;
};

/** A form with a file: its other fields, and the file stored or the reason it was refused. */
export type ParsedUpload = {
  /** Every field except the file, for conform/zod as usual. */
  formData: FormData;
  /** Null when no file was chosen or it was refused. */
  staged: StagedFile | null;
  /** Why the file was refused, in words for the field ("The file is empty"); undefined otherwise. */
  fileError?: string;
};

/** What the upload needs from the platform. */
export type UploadPlatform = { storage: StorageAdapter; config: { uploads: { maxBytes: number } } };

export type UploadOptions = {
  /** The strategy the file will belong to (its key starts with this id). */
  strategyId: string;
  /** The name of the file input. */
  fileField?: string;
  /** The types this form accepts (all evidence file types unless narrowed). */
  allowed?: readonly EvidenceFileType[];
};

/**
 * Reads a multipart form, checks its file and stores it (see the module comment for how an action
 * uses it). Throws a 400/413 Response for a body that is not a readable form.
 */
export async function parseUpload(request: Request, platform: UploadPlatform, options: UploadOptions): Promise<ParsedUpload> {
  const { formData, file, fileError } = await receiveUpload(request, {
    maxBytes: platform.config.uploads.maxBytes,
    fileField: options.fileField,
    allowed: options.allowed,
  });
  if (!file) return { formData, staged: null, fileError };
  try {
    const storageKey = newStorageKey(options.strategyId);
    await platform.storage.put(storageKey, fs.createReadStream(file.path), {
      contentType: file.contentType,
      byteSize: file.byteSize,
    });
    const { sha256, byteSize, contentType, fileName } = file;
    return { formData, staged: { strategyId: options.strategyId, storageKey, sha256, byteSize, contentType, fileName } };
  } finally {
    await file.dispose();
  }
}

/** Records a staged file in evidence_files as uploaded by the current person; returns its id. */
export async function recordUploadedFile(tx: Tx, { strategyId, staged }: { strategyId: string; staged: StagedFile }): Promise<string> {
  if (staged.strategyId !== strategyId) throw new Error("The file was staged for another strategy");
  return insertEvidenceFile(tx, {
    strategyId,
    storageKey: staged.storageKey,
    sha256: staged.sha256,
    byteSize: staged.byteSize,
    contentType: staged.contentType,
    fileName: staged.fileName,
  });
}

/**
 * Removes a staged file that will not be recorded (the form was refused, or its transaction rolled
 * back). Never throws: it runs on a path that is already failing, and a file left behind is
 * unreachable (no row names it).
 */
export async function discardStaged(storage: StorageAdapter, staged: StagedFile | null | undefined): Promise<void> {
  if (!staged) return;
  try {
    await storage.delete(staged.storageKey);
  } catch (error) {
    console.warn(`[upload] could not remove the unrecorded file ${staged.storageKey}:`, (error as Error).message);
  }
}

/** A checked file in a private temporary file, not yet stored. `dispose` removes it. */
export type ReceivedFile = Omit<StagedFile, "strategyId" | "storageKey"> & { path: string; dispose(): Promise<void> };

/**
 * The lower half of parseUpload: reads the form and checks its file into a temporary file without
 * storing it (for a file that is read and thrown away, such as a CSV to import). The caller must
 * call `file.dispose()`.
 */
export async function receiveUpload(
  request: Request,
  { maxBytes, fileField = "file", allowed = EVIDENCE_FILE_TYPES }: { maxBytes: number; fileField?: string; allowed?: readonly EvidenceFileType[] },
): Promise<{ formData: FormData; file: ReceivedFile | null; fileError?: string }> {
  const [type] = (request.headers.get("Content-Type") ?? "").split(";");
  if (!request.body || type.trim().toLowerCase() !== "multipart/form-data") {
    throw new Response("Send the form as multipart/form-data", { status: 415 });
  }

  // Every byte read is counted, across all parts, so a body of many parts cannot get round the
  // limit either. The source reader is kept so the rest of a refused body can be discarded.
  const source = request.body.getReader();
  const bodyLimit = maxBytes + FIELDS_ALLOWANCE;
  let bodyBytes = 0;
  const counted = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) return controller.close();
        bodyBytes += value.byteLength;
        if (bodyBytes > bodyLimit) controller.error(new UploadTooLarge());
        else controller.enqueue(value);
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );

  const formData = new FormData();
  let fieldCount = 0;
  let file: ReceivedFile | null = null;
  let fileError: string | undefined;
  let fileSeen = false;

  async function handlePart(part: UploadHandlerPart): Promise<undefined> {
    if (typeof part.filename === "string") {
      if (part.name !== fileField || fileSeen) {
        await discardPart(part.data, maxBytes);
        return;
      }
      fileSeen = true;
      if (part.filename === "") {
        // A file input left empty: browsers send a part with no name and no bytes.
        await discardPart(part.data, maxBytes);
        return;
      }
      const outcome = await receiveFile(part, maxBytes, allowed);
      if ("error" in outcome) fileError = outcome.error;
      else file = outcome.file;
      return;
    }
    if (++fieldCount > MAX_FIELDS) throw new Response("The form has too many fields", { status: 413 });
    formData.append(part.name, await readField(part.data));
  }

  try {
    await unstable_parseMultipartFormData(
      new Request(request.url, { method: "POST", headers: request.headers, body: counted, duplex: "half" } as RequestInit),
      handlePart,
    );
  } catch (error) {
    await (file as ReceivedFile | null)?.dispose();
    if (error instanceof UploadTooLarge) {
      discardRestOfBody(source, maxBytes);
      return { formData, file: null, fileError: fileErrors.tooLarge(maxBytes) };
    }
    if (error instanceof Response) throw error;
    if (error instanceof Error && /malformed|multipart|unexpected end/i.test(error.message)) {
      throw new Response("The form could not be read. Try again.", { status: 400 });
    }
    throw error;
  }
  return { formData, file, fileError };
}

/** Room for the form's other fields and the multipart framing, on top of the file's limit. */
const FIELDS_ALLOWANCE = 1024 * 1024;
const MAX_FIELDS = 100;
const MAX_FIELD_BYTES = 100 * 1024;
/** Bytes kept from the start of a file to look for markup. */
const HEAD_BYTES = 8 * 1024;

/** The file part passed the size limit. */
class UploadTooLarge extends Error {
  constructor() {
    super("The upload is larger than allowed");
    this.name = "UploadTooLarge";
  }
}

async function readField(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > MAX_FIELD_BYTES) throw new Response("A field of the form is too long", { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a part to its end without keeping it (the parser would otherwise buffer what is left). */
async function discardPart(data: AsyncIterable<Uint8Array>, maxBytes: number): Promise<void> {
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new UploadTooLarge();
  }
}

/**
 * After a refusal for size, reads and drops what the browser is still sending (up to one more
 * limit's worth), so it finishes sending and shows the answer, rather than a broken connection;
 * past that, the connection is closed. Nothing is stored or kept.
 */
function discardRestOfBody(source: ReadableStreamDefaultReader<Uint8Array>, allowance: number): void {
  void (async () => {
    let discarded = 0;
    try {
      for (;;) {
        const { done, value } = await source.read();
        if (done) return;
        discarded += value.byteLength;
        if (discarded > allowance) {
          await source.cancel();
          return;
        }
      }
    } catch {
      // The client went away: nothing is left to discard.
    }
  })();
}

type FileOutcome = { file: ReceivedFile } | { error: string };

/** Streams one file part into a private temporary file, counting, hashing and checking it. */
async function receiveFile(part: UploadHandlerPart, maxBytes: number, allowed: readonly EvidenceFileType[]): Promise<FileOutcome> {
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), "hub-upload-"));
  const dispose = () => fs.promises.rm(folder, { recursive: true, force: true });
  const temporary = path.join(folder, "upload");
  const out = fs.createWriteStream(temporary, { flags: "wx", mode: 0o600 });
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let isUtf8 = true;
  let hasNul = false;
  let size = 0;
  const head: Uint8Array[] = [];
  let headSize = 0;
  try {
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new UploadTooLarge();
      hash.update(chunk);
      if (!hasNul && chunk.includes(0)) hasNul = true;
      if (isUtf8) isUtf8 = decodes(() => utf8.decode(chunk, { stream: true }));
      if (headSize < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.byteLength, HEAD_BYTES - headSize);
      }
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (isUtf8) isUtf8 = decodes(() => utf8.decode());
    out.end();
    await once(out, "close");
  } catch (error) {
    out.destroy();
    await dispose();
    throw error;
  }

  const refuse = async (error: string): Promise<FileOutcome> => {
    await dispose();
    return { error };
  };
  if (size === 0) return refuse(fileErrors.empty);
  const name = part.filename ?? "";
  const contentType = await detectType(temporary, Buffer.concat(head), { isUtf8, hasNul, name });
  if (!contentType || !allowed.includes(contentType)) return refuse(fileErrors.wrongType(allowed));
  return {
    file: {
      path: temporary,
      dispose,
      sha256: hash.digest("hex"),
      byteSize: size,
      contentType,
      fileName: safeFileName(name, contentType),
    },
  };
}

function decodes(decode: () => void): boolean {
  try {
    decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's type from its content: a known signature (file-type tells DOCX, XLSX and ODT apart
 * by their contents), or else UTF-8 text that is not markup or a script. Undefined: refuse.
 */
async function detectType(
  file: string,
  head: Buffer,
  { isUtf8, hasNul, name }: { isUtf8: boolean; hasNul: boolean; name: string },
): Promise<EvidenceFileType | undefined> {
  const detected = await fileTypeFromFile(file);
  if (detected) return isEvidenceFileType(detected.mime) ? detected.mime : undefined;
  if (!isUtf8 || hasNul) return undefined;
  const start = head.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("#!") || looksLikeMarkup(start)) return undefined;
  return /\.csv$/i.test(name.trim()) ? "text/csv" : "text/plain";
}

// What a browser would take for HTML (the WHATWG sniffing patterns) or an SVG image, at the start;
// and the tags that make a file active content anywhere near the start.
const MARKUP_START = /^<(\?xml|!--|!doctype\s+html|html|head|body|script|iframe|svg|style|title|a|b|p|br|div|font|table|h1)([\s>/]|$)/i;
const MARKUP_NEAR_START = /<svg|<script|<html|<!doctype\s+html/i;

/** Whether text (after any byte order mark and leading white space) would be taken for HTML or SVG. */
export function looksLikeMarkup(text: string): boolean {
  const start = text.replace(/^\uFEFF/, "").trimStart().slice(0, 1024);
  return start.startsWith("<!--") || MARKUP_START.test(start) || MARKUP_NEAR_START.test(start);
}
