import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTokenSigner } from "../../app/collab/token.server";
import { openTestDatabase, type TestDatabase } from "../support/test-db";
import { statementWithPeople, writeText } from "../support/statement-workflow";
import {
  connect,
  settled,
  startCollab,
  storedStatement,
  typeText,
  waitFor,
  type Client,
  type RunningCollab,
  TEST_SECRET,
} from "../support/collab";

let db: TestDatabase;
let people: Awaited<ReturnType<typeof statementWithPeople>>;
let running: RunningCollab;
const clients: Client[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  people = await statementWithPeople(db);
  running = await startCollab(db);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await running.stop();
  await db.dispose();
});

/** A client connected as `user` (or a visitor, with null) to a statement. */
async function open(user: { id: string; email: string } | null, statementId = people.statementId, server = running) {
  const token = await server.service.issueToken(user, statementId);
  const client = connect(server, statementId, token);
  clients.push(client);
  return client;
}

describe("editing together", () => {
  it("two people typing at once see the same text, and it is stored", async () => {
    const a = await open(people.lived);
    const b = await open(people.worker);
    await settled(a);
    await settled(b);
    typeText(a.doc, "We want");
    typeText(b.doc, " support");
    const hasBoth = (text: string) => text.includes("We want") && text.includes("support");
    await waitFor(() => hasBoth(a.text()) && hasBoth(b.text()), "both edits to reach both people");
    expect(a.text()).toBe(b.text());
    await running.service.flush(people.statementId);
    expect((await storedStatement(db, people.statementId)).bodyText).toBe(a.text());
  });

  it("three people converge on one text", async () => {
    const [a, b, c] = [await open(people.lived), await open(people.worker), await open(people.partner)];
    for (const client of [a, b, c]) await settled(client);
    const before = a.text().length;
    typeText(a.doc, "A");
    typeText(b.doc, "B");
    typeText(c.doc, "C");
    await waitFor(() => [a, b, c].every((x) => x.text().length === before + 3) && a.text() === b.text() && b.text() === c.text(), "three texts to converge");
    expect(new Set([a.text(), b.text(), c.text()]).size).toBe(1);
  });
});

describe("who may connect", () => {
  it("refuses a token issued for another statement", async () => {
    const other = await statementWithPeople(db);
    const token = await running.service.issueToken(people.lived, other.statementId);
    const client = connect(running, people.statementId, token);
    clients.push(client);
    await waitFor(() => client.refusals.length > 0, "the refusal");
    expect(client.refusals).toEqual(["forbidden"]);
    expect(client.authenticated).toBe(false);
  });

  it("refuses someone who is not a member of a private strategy", async () => {
    const client = await open(people.outsider);
    await waitFor(() => client.refusals.length > 0, "the refusal");
    expect(client.refusals).toEqual(["forbidden"]);
  });

  it("refuses a visitor without an account on a private strategy", async () => {
    const client = await open(null);
    await waitFor(() => client.refusals.length > 0, "the refusal");
    expect(client.refusals).toEqual(["forbidden"]);
  });

  it("keeps visitors and non-members out of a public strategy's live document, where members' names and roles are shared", async () => {
    const open_ = await statementWithPeople(db, { visibility: "public" });
    await writeText(db, open_.statementId, "Everyone can read this");
    const visitor = await open(null, open_.statementId);
    const stranger = await open(people.outsider, open_.statementId);
    await waitFor(() => visitor.refusals.length > 0 && stranger.refusals.length > 0, "both refusals");
    expect(visitor.refusals).toEqual(["forbidden"]);
    expect(stranger.refusals).toEqual(["forbidden"]);
    expect(visitor.text()).toBe("");
  });

  it("refuses an expired token and a forged one", async () => {
    const expired = await createTokenSigner(TEST_SECRET, -5).issue(people.lived, people.statementId);
    const forged = await createTokenSigner("a secret this server has never heard of, long enough").issue(people.lived, people.statementId);
    const late = connect(running, people.statementId, expired);
    const fake = connect(running, people.statementId, forged);
    clients.push(late, fake);
    await waitFor(() => late.refusals.length > 0 && fake.refusals.length > 0, "both refusals");
    expect(late.refusals).toEqual(["token-expired"]);
    expect(fake.refusals).toEqual(["forbidden"]);
  });

  it("opens a co-writer's connection for editing and an observer's read-only", async () => {
    const writer = await open(people.worker);
    const observer = await open(people.observer);
    await waitFor(() => writer.authenticated && observer.authenticated, "both to be admitted");
    expect([writer.readOnly, observer.readOnly]).toEqual([false, true]);
  });
});

describe("who is here", () => {
  it("shows others the name and role the server knows, whatever a client claims", async () => {
    const pretender = await open(people.worker);
    const watcher = await open(people.lived);
    await settled(pretender);
    await settled(watcher);
    pretender.provider.setAwarenessField("user", { id: people.facilitator.id, name: "Fatima Facilitator", roleGroup: "other", roleLabel: "facilitator", color: "#000" });
    const seen = () =>
      [...watcher.provider.awareness!.getStates().values()].map((state) => state.user as Record<string, string> | undefined).find(Boolean);
    await waitFor(() => seen() !== undefined, "the watcher to see someone");
    expect(seen()).toMatchObject({ id: people.worker.id, name: "Priya Worker", roleGroup: "worker", roleLabel: "works in social care" });
  });
});

describe("a read-only connection", () => {
  it("cannot change the text others see or the stored text", async () => {
    const writer = await open(people.worker);
    const observer = await open(people.observer);
    await settled(writer);
    await waitFor(() => observer.provider.isSynced, "the observer to sync");
    typeText(writer.doc, " (agreed wording)");
    await waitFor(() => observer.text() === writer.text(), "the observer to see the writer's text");
    const { contentVersion } = await (async () => {
      await running.service.flush(people.statementId);
      return storedStatement(db, people.statementId);
    })();

    typeText(observer.doc, " OBSERVER WAS HERE");
    // The server answers every update it is sent, applied or not.
    await waitFor(() => observer.answers.includes(false), "the server to refuse the observer's update");
    typeText(writer.doc, "!");
    await waitFor(() => writer.text().endsWith("!") && observer.text().includes("!"), "the next edit to reach the observer");
    expect(writer.text()).not.toContain("OBSERVER");
    await running.service.flush(people.statementId);
    const stored = await storedStatement(db, people.statementId);
    expect(stored.bodyText).not.toContain("OBSERVER");
    expect(stored.contentVersion).toBe(contentVersion + 1);
  });
});
