/**
 * Why the collaboration server refused or ended a connection, and what the editor tells the
 * person. Browser-safe: the editor reads `reason` from the provider's `authenticationFailed`
 * event ({ reason }) or from its `close` event ({ event: { code, reason } }).
 */
export const COLLAB_REASONS = [
  "forbidden",
  "token-expired",
  "not-found",
  "too-many-connections",
  "document-too-large",
  "unavailable",
  "server-shutting-down",
  "reconnect",
] as const;
export type CollabReason = (typeof COLLAB_REASONS)[number];

export const collabMessages: Record<CollabReason, string> = {
  forbidden: "You do not have permission to open this statement. Sign in, or ask a facilitator of the strategy to add you.",
  "token-expired": "Your connection to the statement timed out before it started. Reload the page to try again.",
  "not-found": "This statement no longer exists. It may have been removed.",
  "too-many-connections": "This statement has too many people editing at once. Try again in a few minutes.",
  "document-too-large":
    "This statement has reached its maximum length, so your last change was not saved. Remove some text or split it into two statements, then reload the page.",
  unavailable: "The statement could not be opened just now. Your changes are kept in this page. Try again in a few minutes.",
  "server-shutting-down": "The service is restarting. Reconnecting… your changes are kept.",
  reconnect: "Checking your access to this statement again. Reconnecting… your changes are kept.",
};

/**
 * Refusals that would happen again on a retry: the editor stops reconnecting and shows the
 * message. The others are passing; the provider reconnects by itself (fetching a new token).
 */
export const finalCollabReasons: ReadonlySet<CollabReason> = new Set([
  "forbidden",
  "not-found",
  "too-many-connections",
  "document-too-large",
]);

/** WebSocket close codes the server uses when it ends a connection itself (4000–4999 are the application's). */
export const collabCloseCodes = {
  reconnect: 4001,
  "document-too-large": 4413,
  "server-shutting-down": 4503,
} as const satisfies Partial<Record<CollabReason, number>>;

export const isCollabReason = (value: unknown): value is CollabReason =>
  typeof value === "string" && (COLLAB_REASONS as readonly string[]).includes(value);

/** The message to show for a refusal or close reason; a general one for anything unexpected. */
export function collabMessage(reason: string | null | undefined): string {
  return isCollabReason(reason)
    ? collabMessages[reason]
    : "The connection to the statement was interrupted. Reconnecting… your changes are kept.";
}
