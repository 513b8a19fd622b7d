/**
 * Live change events: what the server sends an open page when something is recorded, and the
 * short sentence a screen reader hears about it. Browser-safe: the server words each event once
 * and the page joins several into one announcement.
 */

/** One change, as sent over the live stream (`data:` of an `event: change`). */
export type LiveEvent = {
  /** The audit log's sequence number: dense, in commit order; also the stream's event id. */
  seq: number;
  strategyId: string;
  entityType: string;
  entityId: string | null;
  action: string;
  occurredAt: string;
  /** The positions of the priorities the change bears on, ascending. */
  priorityPositions: number[];
  /** A short plain-English sentence, or null for changes not worth interrupting anyone for. */
  announcement: string | null;
};

/**
 * What the server knows about a change when it words it. Only facts anyone who may see the change
 * may also read: never a person's name (an anonymised story's teller must not leak), never
 * evidence titles or text. Organisation names are a public directory.
 */
export type LiveChangeFacts = {
  entityType: string;
  action: string;
  priorityPositions: number[];
  /** Evidence: its kind. */
  evidenceKind?: string | null;
  /** The status the change gave its subject (evidence, commitment, statement), if it set one. */
  status?: string | null;
  /** A sign-off decision: endorsed, endorsed_with_conditions or objected. */
  decision?: string | null;
  /** A sign-off decision: the organisation that made it. */
  organisationName?: string | null;
};

/** "priority 2", "priorities 1 and 3", "priorities 1, 2 and 4"; empty when there are none. */
export function priorityWords(positions: number[]): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  if (sorted.length === 0) return "";
  if (sorted.length === 1) return `priority ${sorted[0]}`;
  return `priorities ${sorted.slice(0, -1).join(", ")} and ${sorted[sorted.length - 1]}`;
}

/** " for priority 2", or nothing when the change bears on no priority. */
function forPriorities(positions: number[]) {
  const words = priorityWords(positions);
  return words ? ` for ${words}` : "";
}

/** " in priority 2", or nothing. */
function inPriorities(positions: number[]) {
  const words = priorityWords(positions);
  return words ? ` in ${words}` : "";
}

/** The sentence for one change, or null when it is not worth announcing. */
export function liveAnnouncement(facts: LiveChangeFacts): string | null {
  const { entityType, action, priorityPositions: positions } = facts;
  switch (entityType) {
    case "evidence": {
      const figure = facts.evidenceKind === "data_point";
      if (action === "created") {
        if (facts.status === "verified") {
          return figure ? `A new figure was recorded${forPriorities(positions)}` : `New evidence verified${forPriorities(positions)}`;
        }
        return figure ? `A new figure was submitted${forPriorities(positions)}` : `New evidence submitted${forPriorities(positions)}`;
      }
      if (action === "updated" && facts.status === "verified") {
        return figure ? `A new figure was recorded${forPriorities(positions)}` : `New evidence verified${forPriorities(positions)}`;
      }
      // Returned, rejected or answered evidence matters to the two people involved, who are told
      // on the evidence page; the dashboard still refreshes.
      return null;
    }
    case "sign_off_decision": {
      if (action !== "created" || !facts.organisationName) return null;
      const where = `a commitment${inPriorities(positions)}`;
      if (facts.decision === "objected") return `${facts.organisationName} objected to ${where}`;
      if (facts.decision === "endorsed_with_conditions") return `${facts.organisationName} endorsed ${where}, with conditions`;
      if (facts.decision === "endorsed") return `${facts.organisationName} endorsed ${where}`;
      return null;
    }
    case "commitment": {
      if (action === "created") {
        const words = priorityWords(positions);
        return words ? `A commitment was added to ${words}` : "A commitment was added";
      }
      if (action === "updated" && facts.status === "agreed") return `A commitment${inPriorities(positions)} is now agreed`;
      return null;
    }
    case "statement": {
      if (action === "updated" && facts.status === "agreed") return "A statement was agreed";
      if (action === "updated" && facts.status === "published") return "A statement was published";
      return null;
    }
    case "publication":
      return action === "created" ? "A new version of the strategy was published" : null;
    case "measure":
      return action === "created" ? "A new measure was added" : null;
    default:
      // Members, invitations, comments, reordering and the like: the page refreshes quietly.
      return null;
  }
}

/**
 * Several announcements made close together, as one message: the first of a burst is said at
 * once, and what follows within a few seconds is said together ("2 changes: …; …").
 */
export function joinAnnouncements(announcements: string[]): string | null {
  if (announcements.length === 0) return null;
  if (announcements.length === 1) return announcements[0]!;
  // An import of many rows makes many identical sentences: each is said once, and a long burst
  // is cut short rather than read out for a minute.
  const distinct = [...new Set(announcements)];
  if (distinct.length > 3) return `${announcements.length} changes, including ${distinct.slice(0, 3).join("; ")}`;
  return `${announcements.length} changes: ${distinct.join("; ")}`;
}

/** The line shown while live updates are paused. */
export function pausedWords(changes: number): string {
  if (changes === 0) return "Paused: no changes since you paused";
  if (changes === 1) return "Paused: 1 change since you paused";
  return `Paused: ${changes} changes since you paused`;
}
