import type { Claims } from "../db.server";
import type { CookieJar } from "../cookies.server";
import type { AuthFailure } from "~/domain/auth-messages";

export type { AuthFailure };

export type SignUpInput = { email: string; password: string; displayName: string; chosenName?: string };
export type SignInInput = { email: string; password: string };

export type AuthResult = { ok: true; claims: Claims } | { ok: false; failure: AuthFailure };

/** What a request's cookies and address tell an adapter. */
export type AuthRequest = { cookies: CookieJar; ip: string; userAgent?: string };

/**
 * One interface over the embedded accounts and Supabase Auth. Both give the same claims
 * shape (sub, role, email), so Row Level Security is identical in every mode.
 */
export type AuthAdapter = {
  kind: "embedded" | "supabase";
  /** The signed-in person's claims, or null for a visitor. */
  identify(request: AuthRequest): Promise<Claims | null>;
  signUp(request: AuthRequest, input: SignUpInput): Promise<AuthResult>;
  /** Starts a new session; any session the request brought is ended, on the server too. */
  signIn(request: AuthRequest, input: SignInInput): Promise<AuthResult>;
  /** Ends the session for good (not just in this browser). */
  signOut(request: AuthRequest): Promise<void>;
};
