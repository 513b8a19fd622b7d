import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { roleLabels } from "~/domain/roles";
import { roleGroupSingularLabels } from "~/domain/statement-workflow";
import type { StatementComment, StatementThread } from "~/models/statement-comments.server";
import { formatDateTime } from "~/utils/dates";

/** Who wrote a comment, in the roles they hold now (or the group it counted for, if they have left). */
function authorRole(comment: StatementComment) {
  if (comment.authorRoles.length) return comment.authorRoles.map((r) => roleLabels[r]).join(", ");
  return `Former member (${roleGroupSingularLabels[comment.authorRoleGroup].toLowerCase()})`;
}

function CommentView({ comment }: { comment: StatementComment }) {
  return (
    <div className="app-comment">
      <p className="app-comment__meta">
        <strong>{comment.authorName}</strong>
        <span className="app-comment__role">, {authorRole(comment)}</span>
        {" · "}
        <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt)}</time>
      </p>
      <p className="govuk-body app-comment__body">{comment.body}</p>
    </div>
  );
}

/** A short quote of a thread's first words, so buttons and labels say which thread they are for. */
const threadLabel = (thread: StatementThread) =>
  `${thread.authorName}’s thread “${thread.body.length > 40 ? `${thread.body.slice(0, 40).trimEnd()}…` : thread.body}”`;

/**
 * One discussion thread: its first comment, its replies, whether it is resolved, and (for people
 * who take part) a reply form and a button to resolve or reopen it. Everything works as plain forms.
 */
export function DiscussionThread({
  thread,
  canDiscuss,
  replyResult,
}: {
  thread: StatementThread;
  canDiscuss: boolean;
  replyResult?: SubmissionResult<string[]>;
}) {
  const resolved = thread.resolvedAt !== null;
  const [form, fields] = useForm<{ body: string }>({
    // A new id once the reply is posted empties the form (conform keeps state per id).
    id: `reply-${thread.id}-${thread.replies.length}`,
    lastResult: replyResult,
    shouldRevalidate: "onSubmit",
  });
  const headingId = `thread-${thread.id}-heading`;
  return (
    <li id={`thread-${thread.id}`} className={`app-thread${resolved ? " app-thread--resolved" : ""}`} aria-labelledby={headingId}>
      <h3 className="govuk-heading-s app-thread__heading" id={headingId}>
        Thread started by {thread.authorName}{" "}
        <strong className={`govuk-tag ${resolved ? "govuk-tag--grey" : "govuk-tag--blue"}`}>{resolved ? "Resolved" : "Open"}</strong>
      </h3>
      <CommentView comment={thread} />
      {thread.replies.length ? (
        <ol className="app-thread__replies" aria-label={`Replies to ${threadLabel(thread)}`}>
          {thread.replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} />
            </li>
          ))}
        </ol>
      ) : null}
      {resolved ? (
        <p className="govuk-body-s app-thread__resolution">
          Resolved by {thread.resolvedByName} on{" "}
          <time dateTime={new Date(thread.resolvedAt!).toISOString()}>{formatDateTime(thread.resolvedAt!)}</time>.
        </p>
      ) : null}
      {canDiscuss ? (
        <div className="app-thread__actions">
          {!resolved ? (
            <details className="govuk-details" open={Boolean(replyResult)}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  Reply<span className="govuk-visually-hidden"> to {threadLabel(thread)}</span>
                </span>
              </summary>
              <div className="govuk-details__text">
                <ErrorSummary form={form} fields={fields} />
                <Form method="post" {...getFormProps(form)} noValidate>
                  <input type="hidden" name="threadId" value={thread.id} />
                  <TextareaField field={fields.body} label="Your reply" rows={3} />
                  <button type="submit" name="intent" value="reply" className="govuk-button" data-module="govuk-button">
                    Post reply
                  </button>
                </Form>
              </div>
            </details>
          ) : null}
          <Form method="post" className="app-inline-form">
            <input type="hidden" name="threadId" value={thread.id} />
            <button
              type="submit"
              name="intent"
              value={resolved ? "reopen" : "resolve"}
              className="govuk-button govuk-button--secondary"
              data-module="govuk-button"
            >
              {resolved ? "Reopen thread" : "Mark as resolved"}
              <span className="govuk-visually-hidden">: {threadLabel(thread)}</span>
            </button>
          </Form>
        </div>
      ) : null}
    </li>
  );
}
