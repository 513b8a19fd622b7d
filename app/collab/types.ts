import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { StatementBody } from "~/domain/statement-content";
import type { RoleGroup } from "~/domain/statements";
import type { PresenceUser } from "~/domain/presence";

/** The real-time collaboration server, as the rest of the app sees it. */
export type CollabService = {
  /** Takes over an HTTP upgrade request for the collaboration path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A short-lived token that lets the person (or a visitor, when null) connect to the statement's document. */
  issueToken(user: { id: string } | null, statementId: string): Promise<string>;
  /** Stores open documents now (one statement's, or every one) and waits until they are stored. */
  flush(statementId?: string): Promise<void>;
  /** A restore: applied to the live document as a new change, so connected editors see it, then stored. */
  replaceBody(statementId: string, body: StatementBody, actor: { userId: string }): Promise<void>;
  /** Closes connections to the document so clients reconnect and are checked again. */
  reauthorise(statementId: string): Promise<void>;
  /** Stores every open document, then stops. */
  close(): Promise<void>;
};

/** What the authentication extension learns about a connection; every later hook reads it. */
export type CollabContext = {
  /** Null for a visitor without an account (always read-only). */
  userId: string | null;
  strategyId: string;
  statementId: string;
  /** The group this person's writing counts for (app.role_group). */
  roleGroup: RoleGroup;
  readOnly: boolean;
  /** How others see this person in the editor (null for a visitor without an account). */
  presence: PresenceUser | null;
};
