import { createHash, randomUUID } from "node:crypto";
import { parseSetCookie, stringifyCookie } from "cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCookieJar } from "~/platform/cookies.server";
import { createEmbeddedAuth, SESSION_COOKIE } from "~/platform/auth/embedded.server";
import type { AuthAdapter, AuthRequest } from "~/platform/auth/types";
import { openTestDatabase, type TestDatabase } from "../support/test-db";

/*
 * One contract for every AuthAdapter: what a browser sees when it signs up, in and out. It runs on
 * the embedded adapter always, and on Supabase Auth when SUPABASE_TEST_URL and
 * SUPABASE_TEST_ANON_KEY name a project (with email confirmation turned off, so sign-up signs in).
 */

/** A browser: keeps the cookies responses set and sends them back with each request. */
class Browser {
  private readonly jar = new Map<string, string>();

  constructor(
    readonly ip = "192.0.2.10",
    cookies: Record<string, string> = {},
  ) {
    for (const [name, value] of Object.entries(cookies)) this.jar.set(name, value);
  }

  /** The next request from this browser; cookies set on its response land in the jar. */
  request(): AuthRequest {
    const header = stringifyCookie(Object.fromEntries(this.jar));
    return {
      cookies: createCookieJar(header, (setCookie) => this.receive(setCookie)),
      ip: this.ip,
      userAgent: "auth contract test",
    };
  }

  /** The cookies as they are now, to replay later from another browser. */
  cookies(): Record<string, string> {
    return Object.fromEntries(this.jar);
  }

  private receive(setCookie: string) {
    const cookie = parseSetCookie(setCookie);
    const expired = cookie.maxAge !== undefined ? cookie.maxAge <= 0 : cookie.expires !== undefined && cookie.expires <= new Date();
    if (expired || !cookie.value) this.jar.delete(cookie.name);
    else this.jar.set(cookie.name, cookie.value);
  }
}

const PASSWORD = "correct horse battery staple";
const WRONG_PASSWORD = "incorrect horse battery staple";

type ContractOptions = { emailDomain?: string };

/** The behaviour every AuthAdapter promises, whatever keeps the accounts. */
function authContract(name: string, makeAdapter: () => Promise<AuthAdapter>, { emailDomain = "example.test" }: ContractOptions = {}) {
  describe(`the ${name} auth adapter`, () => {
    let auth: AuthAdapter;
    beforeAll(async () => {
      auth = await makeAdapter();
    });

    const newEmail = () => `contract-${randomUUID()}@${emailDomain}`;

    /** A browser that has just signed up a new account. */
    async function signedUp(email = newEmail()) {
      const browser = new Browser();
      const result = await auth.signUp(browser.request(), { email, password: PASSWORD, displayName: "Contract Tester" });
      expect(result).toMatchObject({ ok: true });
      return { browser, email: email.toLowerCase() };
    }

    it("identifies nobody from a browser without cookies", async () => {
      expect(await auth.identify(new Browser().request())).toBeNull();
    });

    it("signs a person up, and then identifies them from their cookies", async () => {
      const email = newEmail().replace("contract", "Contract");
      const browser = new Browser();
      const result = await auth.signUp(browser.request(), { email, password: PASSWORD, displayName: "Contract Tester" });
      const claims = await auth.identify(browser.request());
      expect(claims).toEqual({ sub: expect.stringMatching(/^[0-9a-f-]{36}$/), role: "authenticated", email: email.toLowerCase() });
      expect(result).toEqual({ ok: true, claims });
    });

    it("refuses a second account with the same email address, in any letter case", async () => {
      const { email } = await signedUp();
      for (const again of [email, email.toUpperCase()]) {
        const result = await auth.signUp(new Browser().request(), { email: again, password: PASSWORD, displayName: "Someone" });
        expect(result).toEqual({ ok: false, failure: { kind: "email_taken" } });
      }
    });

    it("signs in with the right password from a new browser", async () => {
      const { email } = await signedUp();
      const browser = new Browser();
      const result = await auth.signIn(browser.request(), { email, password: PASSWORD });
      expect(result).toMatchObject({ ok: true, claims: { role: "authenticated", email } });
      expect(await auth.identify(browser.request())).toEqual(result.ok && result.claims);
    });

    it("says the same about a wrong password as about an unknown email address", async () => {
      const { email } = await signedUp();
      const wrongPassword = await auth.signIn(new Browser().request(), { email, password: WRONG_PASSWORD });
      const unknownEmail = await auth.signIn(new Browser().request(), { email: newEmail(), password: PASSWORD });
      expect(wrongPassword).toEqual({ ok: false, failure: { kind: "invalid_credentials" } });
      expect(unknownEmail).toEqual(wrongPassword);
    });

    it("gives a new session at sign-in, and the session the browser had identifies nobody afterwards", async () => {
      const { browser, email } = await signedUp();
      const before = browser.cookies();
      const result = await auth.signIn(browser.request(), { email, password: PASSWORD });
      expect(result).toMatchObject({ ok: true });

      expect(browser.cookies()).not.toEqual(before);
      expect(await auth.identify(browser.request())).toMatchObject({ email });
      expect(await auth.identify(new Browser(undefined, before).request())).toBeNull();
    });

    it("ends the session on the server at sign-out, so replaying its cookies identifies nobody", async () => {
      const { browser } = await signedUp();
      const before = browser.cookies();
      await auth.signOut(browser.request());

      expect(await auth.identify(browser.request())).toBeNull();
      expect(await auth.identify(new Browser(undefined, before).request())).toBeNull();
    });

    it("leaves a person's sessions in other browsers alone at sign-out", async () => {
      const { browser, email } = await signedUp();
      const elsewhere = new Browser("198.51.100.20");
      expect(await auth.signIn(elsewhere.request(), { email, password: PASSWORD })).toMatchObject({ ok: true });
      await auth.signOut(browser.request());
      expect(await auth.identify(elsewhere.request())).toMatchObject({ email });
    });
  });
}

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

const roomyLimits = { perAccount: 1000, perIp: 1000 };
authContract("embedded", async () => createEmbeddedAuth({ db, secureCookies: false, limits: roomyLimits }));

const supabase = { url: process.env.SUPABASE_TEST_URL, anonKey: process.env.SUPABASE_TEST_ANON_KEY };
describe.runIf(Boolean(supabase.url && supabase.anonKey))("on Supabase", () => {
  // Supabase checks that an address can receive mail; a project with its own SMTP may need another domain.
  const emailDomain = process.env.SUPABASE_TEST_EMAIL_DOMAIN ?? "example.com";
  // Imported only here: supabase-js warns about Node 20 as it loads.
  const makeAdapter = async () => {
    const { createSupabaseAuth } = await import("~/platform/auth/supabase.server");
    return createSupabaseAuth({ url: supabase.url!, anonKey: supabase.anonKey! });
  };
  authContract("Supabase", makeAdapter, { emailDomain });
});

describe("the embedded auth adapter, beyond the contract", () => {
  const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

  async function accountWith(auth: AuthAdapter) {
    const email = `limits-${randomUUID()}@example.test`;
    expect(await auth.signUp(new Browser().request(), { email, password: PASSWORD, displayName: "Limit Tester" })).toMatchObject({ ok: true });
    return email;
  }

  it("stops sign-ins to an account after too many attempts, from any address, even with the right password", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: { perAccount: 3, perIp: 1000 } });
    const email = await accountWith(auth);
    const other = await accountWith(auth);
    for (const ip of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect(await auth.signIn(new Browser(ip).request(), { email, password: WRONG_PASSWORD })).toEqual({
        ok: false,
        failure: { kind: "invalid_credentials" },
      });
    }
    const limited = await auth.signIn(new Browser("203.0.113.4").request(), { email, password: PASSWORD });
    expect(limited).toEqual({ ok: false, failure: { kind: "rate_limited", retryAfterSeconds: expect.any(Number) } });
    expect(!limited.ok && limited.failure.kind === "rate_limited" && limited.failure.retryAfterSeconds).toBeGreaterThan(0);
    expect(await auth.signIn(new Browser("203.0.113.1").request(), { email: other, password: PASSWORD })).toMatchObject({ ok: true });
  });

  it("forgets an account's failed attempts once its person signs in", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: { perAccount: 3, perIp: 1000 } });
    const email = await accountWith(auth);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await auth.signIn(new Browser().request(), { email, password: WRONG_PASSWORD });
      expect(await auth.signIn(new Browser().request(), { email, password: PASSWORD })).toMatchObject({ ok: true });
    }
  });

  it("stops sign-ins from an address after too many attempts, whichever accounts they name", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: { perAccount: 1000, perIp: 3 } });
    const email = await accountWith(auth);
    const busy = "203.0.113.50";
    for (let i = 0; i < 3; i++) {
      expect(await auth.signIn(new Browser(busy).request(), { email: `guess-${i}@example.test`, password: PASSWORD })).toMatchObject({
        ok: false,
        failure: { kind: "invalid_credentials" },
      });
    }
    expect(await auth.signIn(new Browser(busy).request(), { email, password: PASSWORD })).toMatchObject({
      ok: false,
      failure: { kind: "rate_limited" },
    });
    expect(await auth.signIn(new Browser("203.0.113.51").request(), { email, password: PASSWORD })).toMatchObject({ ok: true });
  });

  it("stops account creation from an address after too many sign-ups", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: { perAccount: 1000, perIp: 2 } });
    const busy = "203.0.113.60";
    const signUp = (ip: string) =>
      auth.signUp(new Browser(ip).request(), { email: `bulk-${randomUUID()}@example.test`, password: PASSWORD, displayName: "Bulk" });
    expect(await signUp(busy)).toMatchObject({ ok: true });
    expect(await signUp(busy)).toMatchObject({ ok: true });
    expect(await signUp(busy)).toMatchObject({ ok: false, failure: { kind: "rate_limited" } });
    expect(await signUp("203.0.113.61")).toMatchObject({ ok: true });
  });

  it("keeps only a hash of the session token, and identifies nobody from a made-up one", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: roomyLimits });
    const browser = new Browser();
    const result = await auth.signUp(browser.request(), { email: `hash-${randomUUID()}@example.test`, password: PASSWORD, displayName: "Hash" });
    const token = browser.cookies()[SESSION_COOKIE];
    const stored = await db.asService("test: read the sessions", (tx) =>
      tx.query<{ id_hash: string }>("select id_hash from app_private.sessions where user_id = $1", [result.ok && result.claims.sub]),
    );
    expect(stored).toEqual([{ id_hash: sha256(token) }]);

    const forger = new Browser(undefined, { [SESSION_COOKIE]: sha256(token) });
    expect(await auth.identify(forger.request())).toBeNull();
    expect(forger.cookies()).toEqual({});
  });

  it("identifies nobody once a session has expired", async () => {
    const auth = createEmbeddedAuth({ db, secureCookies: false, limits: roomyLimits });
    const browser = new Browser();
    await auth.signUp(browser.request(), { email: `expiry-${randomUUID()}@example.test`, password: PASSWORD, displayName: "Expiry" });
    await db.asService("test: age a session", (tx) =>
      tx.query("update app_private.sessions set expires_at = now() - interval '1 second' where id_hash = $1", [
        sha256(browser.cookies()[SESSION_COOKIE]),
      ]),
    );
    expect(await auth.identify(browser.request())).toBeNull();
  });
});
