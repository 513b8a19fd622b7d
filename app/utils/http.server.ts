import { redirect } from "@remix-run/node";
import type { AppLoadContext } from "@remix-run/node";
import type { CurrentUser } from "~/platform/context.server";
import type { Tx } from "~/platform/db.server";

/** A 404 response for the nearest error page. */
export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404 });
}

/** The signed-in person, or a redirect to sign in that comes back here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): CurrentUser {
  if (context.user) return context.user;
  const url = new URL(request.url);
  throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Runs fn in one transaction as the requesting person (or as a visitor), so RLS decides. */
export function withDb<T>(context: AppLoadContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return context.platform.db.asUser(context.user?.claims ?? null, fn);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route parameter that must be a uuid; anything else is a page that does not exist. */
export function requireId(value: string | undefined): string {
  if (!value || !UUID.test(value)) throw notFound();
  return value;
}

/** Only same-site paths are followed after sign-in, never another website. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
