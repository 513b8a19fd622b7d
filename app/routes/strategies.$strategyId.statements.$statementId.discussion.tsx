import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ErrorSummary, TextareaField } from "~/components/forms";
import { DiscussionThread } from "~/components/statement-discussion";
import { statementDoneMessages } from "~/domain/statement-workflow";
import { insertComment, listThreads, setThreadResolved } from "~/models/statement-comments.server";
import { authorizeStatementChange, canDiscuss } from "~/policies/statement";
import { authorize } from "~/policies/strategy";
import { notFound, requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { loadStatementFor } from "~/utils/statement-route.server";

const commentBody = (missing: string) =>
  z.string({ message: missing }).trim().min(1, missing).max(4000, "A comment must be 4,000 characters or fewer");

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), body: commentBody("Enter your comment") }),
  z.object({ intent: z.literal("reply"), threadId: z.uuid(), body: commentBody("Enter your reply") }),
  z.object({ intent: z.literal("resolve"), threadId: z.uuid() }),
  z.object({ intent: z.literal("reopen"), threadId: z.uuid() }),
]);

const NOT_WRITER = "Only members who co-write this strategy's statements can take part in the discussion. Observers can read it.";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle(data ? `Discussion – ${data.statement.title}` : "Discussion");

export async function loader({ context, params }: LoaderFunctionArgs) {
  return withDb(context, async (tx) => {
    const { strategy, actor, can, statement } = await loadStatementFor(tx, context, params);
    authorize(actor, "read_discussion", strategy);
    const threads = await listThreads(tx, statement.id);
    return {
      statement: { id: statement.id, title: statement.title, archived: statement.archivedAt !== null },
      canDiscuss: canDiscuss(can, statement),
      threads,
    };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    const threadId = formData.get("threadId");
    return data({ form: formData.get("intent") === "reply" ? `reply-${threadId}` : "start", result: submission.reply() }, { status: 400 });
  }
  const value = submission.value;
  return withDb(context, async (tx) => {
    const { strategy, actor, can, statement } = await loadStatementFor(tx, context, params);
    authorize(actor, "write_statements", strategy, NOT_WRITER);
    authorizeStatementChange(canDiscuss(can, statement), "Restore the statement before discussing it.");
    const here = `/strategies/${strategy.id}/statements/${statement.id}/discussion`;
    switch (value.intent) {
      case "start": {
        const id = await insertComment(tx, { strategyId: strategy.id, statementId: statement.id, parentId: null, authorId: user.id, body: value.body });
        return redirect(`${here}?done=thread-started#thread-${id}`);
      }
      case "reply": {
        const threads = await listThreads(tx, statement.id);
        if (!threads.some((t) => t.id === value.threadId)) throw notFound("No such thread");
        await insertComment(tx, {
          strategyId: strategy.id,
          statementId: statement.id,
          parentId: value.threadId,
          authorId: user.id,
          body: value.body,
        });
        return redirect(`${here}?done=replied#thread-${value.threadId}`);
      }
      case "resolve":
      case "reopen": {
        // Already in that state (a second press, or someone else got there first): nothing to do.
        await setThreadResolved(tx, statement.id, value.threadId, value.intent === "resolve");
        return redirect(`${here}?done=${value.intent === "resolve" ? "resolved" : "reopened"}#thread-${value.threadId}`);
      }
    }
  });
}

export default function StatementDiscussion() {
  const { statement, canDiscuss, threads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = statementDoneMessages[params.get("done") ?? ""];
  const commentCount = threads.reduce((n, t) => n + 1 + t.replies.length, 0);
  const [form, fields] = useForm<{ body: string }>({
    // A new id once a comment is posted starts the form afresh (conform keeps state per id).
    id: `start-thread-${commentCount}`,
    lastResult: actionData?.form === "start" ? actionData.result : undefined,
    shouldRevalidate: "onSubmit",
  });
  const open = threads.filter((t) => !t.resolvedAt).length;
  const resolved = threads.length - open;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done && !actionData ? <SuccessBanner>{done}</SuccessBanner> : null}
        <ErrorSummary form={form} fields={fields} />
        <h2 className="govuk-heading-m">Discussion</h2>
        <p className="govuk-body">
          {threads.length
            ? `${open} open ${open === 1 ? "thread" : "threads"}, ${resolved} resolved.`
            : "No one has started a thread yet."}{" "}
          Only members of this strategy can read the discussion.
        </p>
        {canDiscuss ? (
          <Form method="post" {...getFormProps(form)} noValidate className="govuk-!-margin-bottom-8">
            <TextareaField
              field={fields.body}
              label="Start a new thread"
              hint="Ask a question or suggest a change to the statement. Everyone who co-writes it can reply."
              rows={4}
            />
            <button type="submit" name="intent" value="start" className="govuk-button" data-module="govuk-button">
              Post comment
            </button>
          </Form>
        ) : (
          <p className="govuk-inset-text">
            {statement.archived
              ? "This statement is archived, so its discussion is closed."
              : "You can read the discussion. Only members who co-write statements can post in it."}
          </p>
        )}
        {threads.length ? (
          <ol className="app-threads" aria-label="Threads, newest first">
            {threads.map((thread) => (
              <DiscussionThread
                key={thread.id}
                thread={thread}
                canDiscuss={canDiscuss}
                replyResult={actionData?.form === `reply-${thread.id}` ? actionData.result : undefined}
              />
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}
