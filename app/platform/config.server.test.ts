import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.server";

const DATABASE_URL = "postgres://hub:secret@db.example.test:5432/hub";
const SUPABASE_URL = "https://abcdefghijklmnop.supabase.co";
const SUPABASE_ANON_KEY = "an-anon-key-of-at-least-twenty-characters";

/** The ConfigError loadConfig throws for these settings. */
function problemsWith(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("Assurance Hub cannot start");
    return (error as ConfigError).problems;
  }
  throw new Error("expected loadConfig to refuse these settings");
}

/** The names of the settings a list of problems blames. */
const blamed = (problems: string[]) => problems.map((p) => p.split(" ")[0]);

describe("loadConfig", () => {
  it("runs embedded, on the local data folder, with the demo strategy, when nothing is set", () => {
    expect(loadConfig({})).toEqual({
      mode: "embedded",
      env: "development",
      port: 3000,
      host: "0.0.0.0",
      dataDir: path.resolve("./data"),
      databaseUrl: undefined,
      supabase: undefined,
      appOrigin: "http://localhost:3000",
      smtpUrl: undefined,
      mailFrom: "Assurance Hub <no-reply@localhost>",
      seedDemo: true,
      signInLimits: { perAccount: 5, perIp: 30 },
      collab: { maxConnectionsPerDocument: 200, maxDocumentBytes: 1024 * 1024, secret: undefined, redisUrl: undefined },
      uploads: { maxBytes: 20971520 },
      storage: { kind: "local", filesDir: path.resolve("./data/files") },
    });
  });

  it("treats blank settings as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "", SUPABASE_URL: "" })).toMatchObject({ mode: "embedded", port: 3000 });
  });

  it("uses a Postgres server, without the demo strategy, when DATABASE_URL is set", () => {
    expect(loadConfig({ DATABASE_URL })).toMatchObject({ mode: "postgres", databaseUrl: DATABASE_URL, seedDemo: false });
  });

  it("still loads the demo on a Postgres server when asked", () => {
    expect(loadConfig({ DATABASE_URL, SEED_DEMO: "true" })).toMatchObject({ mode: "postgres", seedDemo: true });
  });

  it("uses Supabase when its URL, its anon key and DATABASE_URL are all set", () => {
    expect(loadConfig({ DATABASE_URL, SUPABASE_URL, SUPABASE_ANON_KEY })).toMatchObject({
      mode: "supabase",
      databaseUrl: DATABASE_URL,
      supabase: { url: SUPABASE_URL, anonKey: SUPABASE_ANON_KEY },
    });
  });

  it("names SUPABASE_ANON_KEY when only SUPABASE_URL is set", () => {
    expect(blamed(problemsWith({ DATABASE_URL, SUPABASE_URL }))).toEqual(["SUPABASE_ANON_KEY"]);
  });

  it("names SUPABASE_URL when only SUPABASE_ANON_KEY is set", () => {
    expect(blamed(problemsWith({ DATABASE_URL, SUPABASE_ANON_KEY }))).toEqual(["SUPABASE_URL"]);
  });

  it("names DATABASE_URL in Supabase mode without one", () => {
    expect(blamed(problemsWith({ SUPABASE_URL, SUPABASE_ANON_KEY }))).toEqual(["DATABASE_URL"]);
  });

  it.each(["eighty", "-1", "70000", "80.5"])("names PORT when it is %s", (PORT) => {
    expect(blamed(problemsWith({ PORT }))).toEqual(["PORT"]);
  });

  it("listens for live changes on LISTEN_DATABASE_URL when given (Supabase's transaction pooler carries no LISTEN)", () => {
    const LISTEN_DATABASE_URL = "postgres://hub:secret@db.example.test:5432/hub?application_name=listener";
    expect(loadConfig({ DATABASE_URL })).toMatchObject({ listenDatabaseUrl: undefined });
    expect(loadConfig({ DATABASE_URL, LISTEN_DATABASE_URL })).toMatchObject({ databaseUrl: DATABASE_URL, listenDatabaseUrl: LISTEN_DATABASE_URL });
    expect(blamed(problemsWith({ LISTEN_DATABASE_URL }))).toEqual(["LISTEN_DATABASE_URL"]);
    expect(blamed(problemsWith({ DATABASE_URL, LISTEN_DATABASE_URL: "redis://localhost" }))).toEqual(["LISTEN_DATABASE_URL"]);
  });

  it("names a DATABASE_URL that is not a Postgres URL", () => {
    expect(blamed(problemsWith({ DATABASE_URL: "mysql://localhost/hub" }))).toEqual(["DATABASE_URL"]);
  });

  it("names every bad setting at once, and puts each in the message", () => {
    const problems = problemsWith({ PORT: "eighty", SUPABASE_URL });
    expect(blamed(problems).sort()).toEqual(["DATABASE_URL", "PORT", "SUPABASE_ANON_KEY"]);
    expect(() => loadConfig({ PORT: "eighty", SUPABASE_URL })).toThrow(/PORT[\s\S]*SUPABASE_ANON_KEY|SUPABASE_ANON_KEY[\s\S]*PORT/);
  });

  it("takes the port into the default origin, and drops a trailing slash from a given one", () => {
    expect(loadConfig({ PORT: "8080" }).appOrigin).toBe("http://localhost:8080");
    expect(loadConfig({ APP_ORIGIN: "https://hub.example.org/" }).appOrigin).toBe("https://hub.example.org");
  });

  it("reads the sign-in limits", () => {
    expect(loadConfig({ SIGN_IN_LIMIT_PER_ACCOUNT: "3", SIGN_IN_LIMIT_PER_IP: "10" }).signInLimits).toEqual({ perAccount: 3, perIp: 10 });
    expect(blamed(problemsWith({ SIGN_IN_LIMIT_PER_ACCOUNT: "0" }))).toEqual(["SIGN_IN_LIMIT_PER_ACCOUNT"]);
  });

  it("reads the collaboration settings, and needs a shared secret when instances share a Redis", () => {
    const secret = "x".repeat(32);
    expect(
      loadConfig({
        COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "50",
        COLLAB_MAX_DOCUMENT_BYTES: "65536",
        COLLAB_SECRET: secret,
        REDIS_URL: "redis://localhost:6379",
      }).collab,
    ).toEqual({ maxConnectionsPerDocument: 50, maxDocumentBytes: 65536, secret, redisUrl: "redis://localhost:6379" });
    expect(blamed(problemsWith({ REDIS_URL: "redis://localhost:6379" }))).toEqual(["COLLAB_SECRET"]);
    expect(blamed(problemsWith({ COLLAB_SECRET: "short" }))).toEqual(["COLLAB_SECRET"]);
    expect(blamed(problemsWith({ REDIS_URL: "http://localhost:6379", COLLAB_SECRET: secret }))).toEqual(["REDIS_URL"]);
    expect(blamed(problemsWith({ COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: "0" }))).toEqual(["COLLAB_MAX_CONNECTIONS_PER_DOCUMENT"]);
  });

  it("keeps files beside the data folder unless FILES_DIR says otherwise, and reads the upload limit", () => {
    expect(loadConfig({ DATA_DIR: "/srv/hub" }).storage).toEqual({ kind: "local", filesDir: "/srv/hub/files" });
    expect(loadConfig({ FILES_DIR: "/mnt/evidence" }).storage).toEqual({ kind: "local", filesDir: "/mnt/evidence" });
    expect(loadConfig({ UPLOAD_MAX_BYTES: "1048576" }).uploads).toEqual({ maxBytes: 1048576 });
    expect(blamed(problemsWith({ UPLOAD_MAX_BYTES: "twenty megabytes" }))).toEqual(["UPLOAD_MAX_BYTES"]);
    expect(blamed(problemsWith({ UPLOAD_MAX_BYTES: "100" }))).toEqual(["UPLOAD_MAX_BYTES"]);
    expect(blamed(problemsWith({ UPLOAD_MAX_BYTES: "1.5" }))).toEqual(["UPLOAD_MAX_BYTES"]);
  });

  it("keeps files in a private Supabase Storage bucket when the service role key is given", () => {
    const SUPABASE_SERVICE_ROLE_KEY = "a-service-role-key-of-at-least-twenty";
    expect(loadConfig({ DATABASE_URL, SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY }).storage).toEqual({
      kind: "supabase",
      url: SUPABASE_URL,
      serviceRoleKey: SUPABASE_SERVICE_ROLE_KEY,
      bucket: "evidence",
    });
    expect(
      loadConfig({ DATABASE_URL, SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY, SUPABASE_STORAGE_BUCKET: "hub-files" }).storage,
    ).toMatchObject({ kind: "supabase", bucket: "hub-files" });
    // Supabase Auth without the service role key: files stay in the folder.
    expect(loadConfig({ DATABASE_URL, SUPABASE_URL, SUPABASE_ANON_KEY }).storage).toMatchObject({ kind: "local" });
    expect(blamed(problemsWith({ SUPABASE_SERVICE_ROLE_KEY }))).toEqual(["SUPABASE_URL"]);
    expect(blamed(problemsWith({ SUPABASE_STORAGE_BUCKET: "Evidence Files" }))).toEqual(["SUPABASE_STORAGE_BUCKET"]);
  });
});
