/** Why a sign-up or sign-in did not work, in words a person can act on. */
export type AuthFailure =
  | { kind: "email_taken" }
  | { kind: "invalid_credentials" }
  | { kind: "rate_limited"; retryAfterSeconds: number }
  | { kind: "confirmation_required" }
  | { kind: "provider_error"; message: string };

/** What to tell a person when signing up or in did not work. */
export function describeAuthFailure(failure: AuthFailure, during: "sign-in" | "sign-up"): string {
  switch (failure.kind) {
    case "email_taken":
      return "An account already exists with this email address. Sign in instead";
    case "invalid_credentials":
      return "Enter a correct email address and password";
    case "rate_limited": {
      const minutes = Math.max(1, Math.ceil(failure.retryAfterSeconds / 60));
      return `Too many attempts to ${during === "sign-in" ? "sign in" : "create an account"}. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again`;
    }
    case "confirmation_required":
      return "Check your email: we have sent you a link to confirm your address";
    case "provider_error":
      return "Sorry, we could not do that just now. Try again later";
  }
}
