/** Rules about a strategy's structure that both the pages and the actions ask. */

/** An archived priority takes no new commitments until it is restored. */
export const priorityTakesNewCommitments = (priority: { archivedAt: string | null }) => priority.archivedAt === null;
