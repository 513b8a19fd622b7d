import { createHash, randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Claims, Database } from "../db.server";
import type { AuthAdapter, AuthRequest, AuthResult } from "./types";

export const SESSION_COOKIE = "hub_session";
const SESSION_DAYS = 14;

type Options = {
  db: Database;
  secureCookies: boolean;
  limits: { perAccount: number; perIp: number };
};

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = { algorithm: 2 as const };

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

// A hash to verify against when the account does not exist, so a wrong email and a wrong
// password take the same time and say the same thing.
let decoyHash: Promise<string> | undefined;

/**
 * Accounts in the database's auth.users (argon2id hashes) and server-side sessions in
 * app_private.sessions. The cookie holds a random token; the database holds only its hash.
 * Like Supabase's own auth service, this adapter works as service_role.
 */
export function createEmbeddedAuth({ db, secureCookies, limits }: Options): AuthAdapter {
  const perAccount = new RateLimiterMemory({ keyPrefix: "sign-in-account", points: limits.perAccount, duration: 15 * 60 });
  const perIp = new RateLimiterMemory({ keyPrefix: "sign-in-ip", points: limits.perIp, duration: 15 * 60 });
  // Account creation from one address is limited as sign-in is, so accounts cannot be made in bulk.
  const signUpsPerIp = new RateLimiterMemory({ keyPrefix: "sign-up-ip", points: limits.perIp, duration: 15 * 60 });

  async function startSession(request: AuthRequest, userId: string) {
    const token = randomBytes(32).toString("base64url");
    const expires = new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000);
    await db.asService("embedded auth: start a session", (tx) =>
      tx.query("insert into app_private.sessions (id_hash, user_id, expires_at, user_agent) values ($1, $2, $3, $4)", [
        sha256(token),
        userId,
        expires,
        request.userAgent?.slice(0, 300) ?? null,
      ]),
    );
    request.cookies.set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies,
      path: "/",
      expires,
    });
  }

  function clearCookie(request: AuthRequest) {
    request.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/", maxAge: 0 });
  }

  async function consume(limiter: RateLimiterMemory, key: string): Promise<number | null> {
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.ceil(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  }

  return {
    kind: "embedded",

    async identify(request) {
      const token = request.cookies.get(SESSION_COOKIE);
      if (!token) return null;
      const row = await db.asService("embedded auth: read a session", (tx) =>
        tx.one<{ id: string; email: string }>(
          `select u.id, u.email from app_private.sessions s join auth.users u on u.id = s.user_id
            where s.id_hash = $1 and s.expires_at > now()`,
          [sha256(token)],
        ),
      );
      if (!row) {
        clearCookie(request);
        return null;
      }
      return { sub: row.id, role: "authenticated", email: row.email };
    },

    async signUp(request, input): Promise<AuthResult> {
      const wait = await consume(signUpsPerIp, request.ip);
      if (wait !== null) return { ok: false, failure: { kind: "rate_limited", retryAfterSeconds: wait } };
      const email = input.email.trim().toLowerCase();
      const passwordHash = await hash(input.password, ARGON2ID);
      const created = await db.asService("embedded auth: create an account", (tx) =>
        tx.one<{ id: string }>(
          `insert into auth.users (email, encrypted_password, raw_user_meta_data)
           values ($1, $2, $3) on conflict do nothing returning id`,
          [email, passwordHash, { display_name: input.displayName, chosen_name: input.chosenName ?? null }],
        ),
      );
      if (!created) return { ok: false, failure: { kind: "email_taken" } };
      await startSession(request, created.id);
      return { ok: true, claims: { sub: created.id, role: "authenticated", email } };
    },

    async signIn(request, input): Promise<AuthResult> {
      const email = input.email.trim().toLowerCase();
      const ipWait = await consume(perIp, request.ip);
      const accountWait = await consume(perAccount, email);
      const wait = Math.max(ipWait ?? 0, accountWait ?? 0);
      if (wait > 0) return { ok: false, failure: { kind: "rate_limited", retryAfterSeconds: wait } };

      const user = await db.asService("embedded auth: find an account to sign in", (tx) =>
        tx.one<{ id: string; encrypted_password: string | null }>(
          "select id, encrypted_password from auth.users where lower(email) = $1",
          [email],
        ),
      );
      decoyHash ??= hash(randomBytes(16).toString("hex"), ARGON2ID);
      const stored = user?.encrypted_password ?? (await decoyHash);
      const valid = await verify(stored, input.password).catch(() => false);
      if (!user || !valid) return { ok: false, failure: { kind: "invalid_credentials" } };

      await perAccount.delete(email);
      // A new session id at every sign-in; any session id the browser brought is ended.
      const previous = request.cookies.get(SESSION_COOKIE);
      if (previous) {
        await db.asService("embedded auth: end the previous session", (tx) =>
          tx.query("delete from app_private.sessions where id_hash = $1", [sha256(previous)]),
        );
      }
      await startSession(request, user.id);
      return { ok: true, claims: { sub: user.id, role: "authenticated", email } satisfies Claims };
    },

    async signOut(request) {
      const token = request.cookies.get(SESSION_COOKIE);
      if (token) {
        await db.asService("embedded auth: end a session", (tx) =>
          tx.query("delete from app_private.sessions where id_hash = $1", [sha256(token)]),
        );
      }
      clearCookie(request);
    },
  };
}

/** Creates an account directly (demo seed and tests); returns its id. */
export async function createAccount(
  db: Database,
  input: { email: string; password: string; displayName: string; chosenName?: string },
): Promise<string> {
  const passwordHash = await hash(input.password, ARGON2ID);
  const row = await db.asService("create an account for the demo or a test", (tx) =>
    tx.one<{ id: string }>(
      `insert into auth.users (email, encrypted_password, raw_user_meta_data) values ($1, $2, $3)
       on conflict ((lower(email))) do update set email = excluded.email returning id`,
      [input.email.toLowerCase(), passwordHash, { display_name: input.displayName, chosen_name: input.chosenName ?? null }],
    ),
  );
  return row!.id;
}
