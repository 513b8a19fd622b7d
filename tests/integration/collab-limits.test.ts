import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { collabCloseCodes } from "../../app/collab/messages";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { statementWithPeople } from "../support/statement-workflow";
import { APP_ORIGIN, connect, settled, startCollab, storedStatement, typeText, waitFor, type Client, type RunningCollab } from "../support/collab";

let db: TestDatabase;
let running: RunningCollab;
beforeAll(async () => {
  db = await openTestDatabase();
  running = await startCollab(db, { maxConnectionsPerDocument: 2, maxDocumentBytes: 4096 });
});
afterAll(async () => {
  await running.stop();
  await db.dispose();
});

describe("limits", () => {
  it("refuses the connection after the last one a document may have, with the reason", async () => {
    const people = await statementWithPeople(db);
    const clients: Client[] = [];
    try {
      for (const user of [people.lived, people.worker]) {
        clients.push(connect(running, people.statementId, await running.service.issueToken(user, people.statementId)));
      }
      await waitFor(() => clients.every((c) => c.authenticated), "the first two to be admitted");
      const third = connect(running, people.statementId, await running.service.issueToken(people.partner, people.statementId));
      clients.push(third);
      await waitFor(() => third.refusals.length > 0, "the third to be refused");
      expect(third.refusals).toEqual(["too-many-connections"]);

      // A place is free again once someone leaves.
      clients[0]!.destroy();
      await waitFor(() => running.service.stats().connections === 1, "the first person to have left");
      const fourth = connect(running, people.statementId, await running.service.issueToken(people.facilitator, people.statementId));
      clients.push(fourth);
      await waitFor(() => fourth.authenticated, "the fourth to be admitted");
    } finally {
      for (const client of clients) client.destroy();
    }
  });

  it("refuses an update that would make the document too large: no one sees it and it is not stored", async () => {
    const people = await statementWithPeople(db);
    const writer = connect(running, people.statementId, await running.service.issueToken(people.worker, people.statementId), {
      reconnect: false,
    });
    const reader = connect(running, people.statementId, await running.service.issueToken(people.lived, people.statementId));
    try {
      await settled(writer);
      await settled(reader);
      typeText(writer.doc, "Short and fine. ");
      await waitFor(() => reader.text() === "Short and fine.", "an ordinary edit to arrive");
      await running.service.flush(people.statementId);

      typeText(writer.doc, "x".repeat(5000));
      await waitFor(() => writer.closes.length > 0, "the writer's connection to be closed");
      expect(writer.closes[0]).toEqual({ code: collabCloseCodes["document-too-large"], reason: "document-too-large" });
      await running.service.flush(people.statementId);
      expect(reader.text()).toBe("Short and fine.");
      expect((await storedStatement(db, people.statementId)).bodyText).toBe("Short and fine.");
    } finally {
      writer.destroy();
      reader.destroy();
    }
  });

  it("takes WebSockets from the app's own pages only", async () => {
    expect(await upgradeStatus("https://elsewhere.example")).toBe(403);
    expect(await upgradeStatus(APP_ORIGIN)).toBe(101);
  });
});

/** The HTTP status a WebSocket upgrade to /collab gets when a page of `origin` asks for it. */
function upgradeStatus(origin: string) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request({
      host: "127.0.0.1",
      port: running.port,
      path: "/collab",
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        Origin: origin,
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    request.on("response", (response) => resolve(response.statusCode ?? 0));
    request.on("upgrade", (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}
