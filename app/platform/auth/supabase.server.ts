import { createServerClient } from "@supabase/ssr";
import WebSocket from "ws";
import type { Claims } from "../db.server";
import type { AuthAdapter, AuthRequest, AuthResult } from "./types";

type Options = { url: string; anonKey: string };

/**
 * Supabase Auth through @supabase/ssr: cookies via getAll/setAll, identity from auth.getUser()
 * (which asks Supabase, rather than trusting the cookie's JWT).
 */
export function createSupabaseAuth({ url, anonKey }: Options): AuthAdapter {
  function client(request: AuthRequest) {
    return createServerClient(url, anonKey, {
      cookies: {
        getAll: () => request.cookies.getAll(),
        setAll: (cookies) => cookies.forEach(({ name, value, options }) => request.cookies.set(name, value, options)),
      },
      // Node 20 has no native WebSocket; supabase-js' realtime client needs one to construct.
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    });
  }

  const toClaims = (user: { id: string; email?: string | null }): Claims => ({
    sub: user.id,
    role: "authenticated",
    email: (user.email ?? "").toLowerCase(),
  });

  return {
    kind: "supabase",

    async identify(request) {
      const { data, error } = await client(request).auth.getUser();
      if (error || !data.user) return null;
      return toClaims(data.user);
    },

    async signUp(request, input): Promise<AuthResult> {
      const { data, error } = await client(request).auth.signUp({
        email: input.email.trim().toLowerCase(),
        password: input.password,
        options: { data: { display_name: input.displayName, chosen_name: input.chosenName ?? null } },
      });
      if (error) {
        if (error.code === "user_already_exists" || error.code === "email_exists") {
          return { ok: false, failure: { kind: "email_taken" } };
        }
        if (error.status === 429) return { ok: false, failure: { kind: "rate_limited", retryAfterSeconds: 60 } };
        return { ok: false, failure: { kind: "provider_error", message: error.message } };
      }
      if (!data.session || !data.user) return { ok: false, failure: { kind: "confirmation_required" } };
      return { ok: true, claims: toClaims(data.user) };
    },

    async signIn(request, input): Promise<AuthResult> {
      const supabase = client(request);
      // As in the embedded adapter: a new session at every sign-in, and the one the browser
      // brought is ended on the server too (a no-op when there is none).
      await supabase.auth.signOut({ scope: "local" });
      const { data, error } = await supabase.auth.signInWithPassword({
        email: input.email.trim().toLowerCase(),
        password: input.password,
      });
      if (error) {
        if (error.status === 429) return { ok: false, failure: { kind: "rate_limited", retryAfterSeconds: 60 } };
        return { ok: false, failure: { kind: "invalid_credentials" } };
      }
      return { ok: true, claims: toClaims(data.user) };
    },

    async signOut(request) {
      await client(request).auth.signOut({ scope: "local" });
    },
  };
}
