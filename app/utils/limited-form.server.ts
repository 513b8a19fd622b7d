import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";

/** The form was larger than the action accepts; reading stopped there. */
export class FormTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The form is larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a form (multipart or URL-encoded) held in memory, for small files that are read and not
 * stored (a CSV to import, say). It stops reading, with FormTooLargeError, as soon as the body
 * passes maxBytes, instead of buffering whatever arrives. A file field comes back as a File; a
 * file input left empty comes back as an empty File with no name.
 */
export async function readLimitedForm(request: Request, maxBytes: number): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw new FormTooLargeError(maxBytes);
  const contentType = request.headers.get("Content-Type") ?? "";
  let total = 0;
  const count = (bytes: number) => {
    total += bytes;
    if (total > maxBytes) throw new FormTooLargeError(maxBytes);
  };

  if (contentType.startsWith("multipart/form-data")) {
    const handler: UploadHandler = async ({ filename, contentType: type, data }) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of data) {
        count(chunk.byteLength);
        chunks.push(chunk);
      }
      const bytes = Buffer.concat(chunks);
      if (typeof filename === "string") return new File([bytes], filename, { type });
      return new TextDecoder().decode(bytes);
    };
    try {
      return await unstable_parseMultipartFormData(request, handler);
    } catch (error) {
      if (error instanceof FormTooLargeError) throw error;
      throw new Response("The form could not be read.", { status: 400 });
    }
  }

  const chunks: Uint8Array[] = [];
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      count(chunk.byteLength);
      chunks.push(chunk);
    }
  }
  const formData = new FormData();
  for (const [name, value] of new URLSearchParams(new TextDecoder().decode(Buffer.concat(chunks)))) formData.append(name, value);
  return formData;
}
