import type { Claims } from "./db.server";
import type { CookieJar } from "./cookies.server";
import type { Platform } from "./index.server";

/** The person making the request, as the app knows them. */
export type CurrentUser = { id: string; email: string; name: string; claims: Claims };

/** What every loader and action receives as `context`. */
export type RequestContext = {
  platform: Platform;
  user: CurrentUser | null;
  cookies: CookieJar;
  ip: string;
  userAgent?: string;
  cspNonce: string;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
