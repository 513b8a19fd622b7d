import { createReadableStreamFromReadable, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { create as contentDisposition } from "content-disposition";
import { getEvidenceFile } from "~/models/evidence-files.server";
import { notFound, requireId, withDb } from "~/utils/http.server";

/**
 * An evidence file (/strategies/:id/files/:fileId), for whoever may see it under RLS: its
 * uploader, and whoever may read evidence that holds it. Anyone else gets 404, as if it did not
 * exist. Always a download (never shown in the page) of the type its content showed; from
 * Supabase Storage by a 60-second signed link, after the same check. `X-Content-Type-Options:
 * nosniff` comes from the server (helmet sets it on every response): set here as well, it would
 * be sent twice ("nosniff, nosniff"), which a browser comparing the whole value does not honour.
 */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const strategyId = requireId(params.strategyId);
  const fileId = requireId(params.fileId);
  const file = await withDb(context, (tx) => getEvidenceFile(tx, strategyId, fileId));
  if (!file) throw notFound("No such file");

  const { storage } = context.platform;
  const headers = { "Cache-Control": "private, no-store" };
  if (storage.signedUrl) {
    return redirect(await storage.signedUrl(file.storageKey, { downloadName: file.fileName }), { headers });
  }
  const body = await storage.open(file.storageKey);
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      ...headers,
      // Text was accepted only as valid UTF-8, so say so rather than let the browser guess.
      "Content-Type": file.contentType.startsWith("text/") ? `${file.contentType}; charset=utf-8` : file.contentType,
      "Content-Length": String(file.byteSize),
      "Content-Disposition": contentDisposition(file.fileName, { type: "attachment" }),
    },
  });
}
