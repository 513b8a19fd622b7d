import type { Extension, beforeHandleAwarenessPayload } from "@hocuspocus/server";
import type { CollabContext } from "./types";

/**
 * Presence: who a connection says it is in the document's awareness (the name and role others see
 * beside its caret and in "Here now") is what the server knows of it, not what the client claims.
 * A visitor without an account names no one. Awareness relayed from another instance was checked
 * there.
 */
export class PresenceExtension implements Extension {
  extensionName = "Presence";

  async beforeHandleAwareness({ context, states }: beforeHandleAwarenessPayload) {
    const connection = context as Partial<CollabContext> | undefined;
    if (!connection?.statementId) return;
    for (const state of states.values()) {
      if (!("user" in state)) continue;
      if (!connection.presence) {
        delete state.user;
        continue;
      }
      const claimed = typeof state.user === "object" && state.user !== null ? state.user : {};
      state.user = { ...claimed, ...connection.presence };
    }
  }
}
