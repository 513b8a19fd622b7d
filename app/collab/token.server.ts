import { SignJWT, errors, jwtVerify } from "jose";

const ISSUER = "assurance-hub";
const AUDIENCE = "assurance-hub:collab";

/** How long a token may wait between being issued and being used to open a connection. */
const TOKEN_LIFETIME_SECONDS = 60;

/** Who a token says is asking, and for which statement. The database decides what they may do. */
export type CollabTokenClaims = { userId: string | null; email: string; statementId: string };

/** Why a token was not accepted: it ran out, or it is not one this server signed (or not for this). */
export class CollabTokenError extends Error {
  constructor(public readonly reason: "token-expired" | "forbidden") {
    super(reason);
    this.name = "CollabTokenError";
  }
}

/** Signs and checks collaboration tokens (HS256) with one secret, shared by every instance. */
export function createTokenSigner(secret: string | Uint8Array, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) {
  const key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  return {
    async issue(user: { id: string; email?: string } | null, statementId: string): Promise<string> {
      return new SignJWT({ sid: statementId, email: user?.email ?? "", anon: user === null })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(user?.id ?? "anonymous")
        .setIssuedAt()
        .setExpirationTime(`${lifetimeSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<CollabTokenClaims> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
        if (typeof payload.sid !== "string" || typeof payload.sub !== "string") throw new CollabTokenError("forbidden");
        return {
          userId: payload.anon === true ? null : payload.sub,
          email: typeof payload.email === "string" ? payload.email : "",
          statementId: payload.sid,
        };
      } catch (error) {
        if (error instanceof CollabTokenError) throw error;
        if (error instanceof errors.JWTExpired) throw new CollabTokenError("token-expired");
        throw new CollabTokenError("forbidden");
      }
    },
  };
}

export type TokenSigner = ReturnType<typeof createTokenSigner>;
