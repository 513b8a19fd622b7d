import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type { Claims, Database } from "~/platform/db.server";
import { statementIdFromDocumentName } from "~/domain/statements";
import { getStatementById } from "~/models/statements.server";
import { getProfile } from "~/models/profiles.server";
import { presenceRoleLabel, roleGroupColours, roleGroupOf } from "~/domain/presence";
import { getActor, getStrategy } from "~/models/strategies.server";
import { statementExists } from "~/models/statement-documents.server";
import { can, canEditStatementText } from "~/policies/strategy";
import type { CollabContext } from "./types";
import { CollabTokenError, type TokenSigner } from "./token.server";
import { refusal } from "./refusal.server";

/**
 * Authentication: the provider's token says who is asking and for which statement; the database
 * says what they may do, through the same policies the routes use, read as that person (RLS).
 * Refused unless they may read the statement; read-only unless they may edit its text now.
 */
export class AuthenticationExtension implements Extension {
  extensionName = "Authentication";
  priority = 200;

  constructor(private readonly options: { db: Database; tokens: TokenSigner }) {}

  async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload): Promise<CollabContext> {
    const statementId = statementIdFromDocumentName(documentName);
    if (!statementId) throw refusal("not-found");
    let claims;
    try {
      claims = await this.options.tokens.verify(token);
    } catch (error) {
      if (error instanceof CollabTokenError) throw refusal(error.reason);
      throw error;
    }
    // A token names one statement: it opens no other.
    if (claims.statementId !== statementId) throw refusal("forbidden");

    const asUser: Claims | null = claims.userId ? { sub: claims.userId, role: "authenticated", email: claims.email } : null;
    let decision;
    try {
      decision = await this.options.db.asUser(asUser, async (tx) => {
        const statement = await getStatementById(tx, statementId);
        if (!statement) return null;
        const strategy = await getStrategy(tx, statement.strategyId);
        if (!strategy) return null;
        const actor = await getActor(tx, strategy.id, claims.userId);
        // Members only: presence shares members' names and roles (lived experience among them),
        // which visitors and non-members never see. They read the server-rendered text instead.
        if (!can(actor, "collaborate", strategy)) return null;
        const profile = claims.userId ? await getProfile(tx, claims.userId) : undefined;
        const roles = actor.roles.map((r) => r.role);
        // The roles are already loaded: the same rule as app.role_group, without asking again.
        const roleGroup = roleGroupOf(roles);
        return {
          strategyId: strategy.id,
          canEdit: canEditStatementText(actor, strategy, statement),
          roleGroup,
          presence: claims.userId
            ? {
                id: claims.userId,
                name: profile?.chosenName || profile?.displayName || claims.email,
                roleGroup,
                roleLabel: presenceRoleLabel(roles),
                color: roleGroupColours[roleGroup],
              }
            : null,
        };
      });
      if (!decision) {
        const exists = await this.options.db.asService("collaboration: tell a missing statement from a private one", (tx) =>
          statementExists(tx, statementId),
        );
        throw refusal(exists ? "forbidden" : "not-found");
      }
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      console.error(`[collab] could not check access to ${documentName}:`, error.message);
      throw refusal("unavailable");
    }

    connectionConfig.readOnly = !decision.canEdit;
    return {
      userId: claims.userId,
      strategyId: decision.strategyId,
      statementId,
      roleGroup: decision.roleGroup,
      readOnly: !decision.canEdit,
      presence: decision.presence,
    };
  }
}
