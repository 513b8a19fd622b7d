import type { AuthRequest } from "./auth/types";
import type { CurrentUser } from "./context.server";
import type { Platform } from "./index.server";

/** Who is asking: the auth adapter's claims, plus the name the person chose to be shown. */
export async function identifyRequest(platform: Platform, request: AuthRequest): Promise<CurrentUser | null> {
  const claims = await platform.auth.identify(request);
  if (!claims) return null;
  const profile = await platform.db.asUser(claims, (tx) =>
    tx.one<{ name: string }>("select coalesce(chosen_name, display_name) as name from public.profiles where id = $1", [
      claims.sub,
    ]),
  );
  return { id: claims.sub, email: claims.email, name: profile?.name ?? claims.email, claims };
}
