import { describe, expect, it } from "vitest";
import { FormTooLargeError, readLimitedForm } from "./limited-form.server";

/** A request whose body arrives in chunks, counting how many bytes were read from it. */
function streamed(contentType: string, chunks: Uint8Array[]) {
  let read = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.shift();
        if (!next) return controller.close();
        read += next.byteLength;
        controller.enqueue(next);
      },
    },
    // Nothing is pulled before someone reads.
    { highWaterMark: 0 },
  );
  const request = new Request("http://hub.test/form", { method: "POST", body, headers: { "Content-Type": contentType }, duplex: "half" } as RequestInit);
  return { request, read: () => read };
}

describe("reading a form within a size limit", () => {
  it("reads a multipart form's fields and file", async () => {
    const form = new FormData();
    form.append("source", "Skills for Care");
    form.append("file", new Blob(["measure,period_end,value\n"], { type: "text/csv" }), "extract.csv");
    const read = await readLimitedForm(new Request("http://hub.test/form", { method: "POST", body: form }), 10_000);
    expect(read.get("source")).toBe("Skills for Care");
    const file = read.get("file") as File;
    expect([file.name, await file.text()]).toEqual(["extract.csv", "measure,period_end,value\n"]);
  });

  it("reads a URL-encoded form", async () => {
    const read = await readLimitedForm(
      new Request("http://hub.test/form", { method: "POST", body: new URLSearchParams({ intent: "apply", csv: "a,b\n1,2" }) }),
      10_000,
    );
    expect([read.get("intent"), read.get("csv")]).toEqual(["apply", "a,b\n1,2"]);
  });

  it("refuses a body that says it is too large without reading it", async () => {
    const { request, read } = streamed("application/x-www-form-urlencoded", [new Uint8Array(10)]);
    request.headers.set("Content-Length", "5000000");
    await expect(readLimitedForm(request, 1000)).rejects.toBeInstanceOf(FormTooLargeError);
    expect(read()).toBe(0);
  });

  it("stops reading a body that turns out too large, multipart or not", async () => {
    const chunk = () => new TextEncoder().encode(`x=${"a".repeat(1022)}`);
    const plain = streamed("application/x-www-form-urlencoded", Array.from({ length: 100 }, chunk));
    await expect(readLimitedForm(plain.request, 4096)).rejects.toBeInstanceOf(FormTooLargeError);
    expect(plain.read()).toBeLessThan(8 * 1024);

    const boundary = "----hub-test";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const multipart = streamed(`multipart/form-data; boundary=${boundary}`, [head, ...Array.from({ length: 100 }, chunk)]);
    await expect(readLimitedForm(multipart.request, 4096)).rejects.toBeInstanceOf(FormTooLargeError);
    expect(multipart.read()).toBeLessThan(16 * 1024);
  });
});
