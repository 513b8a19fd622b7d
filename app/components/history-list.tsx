import type { HistoryEntry } from "~/domain/audit";
import { describeAuditEntry } from "~/domain/audit-summary";
import { formatDateTime } from "~/utils/dates";

/** An item's or a strategy's history, newest first: what happened, in words, and when. */
export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  if (!entries.length) return <p className="govuk-body">No changes have been recorded yet.</p>;
  return (
    <ol className="app-history">
      {entries.map((entry) => (
        <li key={entry.seq} className="app-history__item">
          <p className="govuk-body govuk-!-margin-bottom-1">{describeAuditEntry(entry)}</p>
          <time className="app-history__meta" dateTime={entry.occurredAt}>
            {formatDateTime(entry.occurredAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}
