import type { CollabReason } from "./messages";

/**
 * What a hook throws to refuse a connection. Hocuspocus sends `reason` to the provider, whose
 * editor shows the message from messages.ts; because it is not an Error (it has no `message`),
 * Hocuspocus does not log it: a refusal is an answer, not a failure.
 */
export type Refusal = { reason: CollabReason };

export const refusal = (reason: CollabReason): Refusal => ({ reason });
