import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SuccessBanner } from "~/components/banner";
import { ErrorSummary, TextField } from "~/components/forms";
import { getProfile, updateOwnProfile } from "~/models/profiles.server";
import { requireUser, withDb } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const schema = z.object({
  displayName: z.string({ message: "Enter your name" }).trim().min(1, "Enter your name").max(120, "Name must be 120 characters or fewer"),
  chosenName: z.string().trim().max(120, "Chosen name must be 120 characters or fewer").optional(),
});

export const meta: MetaFunction = () => pageTitle("Your account");

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const profile = await withDb(context, (tx) => getProfile(tx, user.id));
  return { email: user.email, profile };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await withDb(context, (tx) =>
    updateOwnProfile(tx, user.id, {
      displayName: submission.value.displayName,
      chosenName: submission.value.chosenName || null,
    }),
  );
  return redirect("/account?saved=1");
}

export default function Account() {
  const { email, profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof schema>>({
    lastResult: actionData?.result,
    shouldRevalidate: "onSubmit",
    defaultValue: { displayName: profile?.displayName ?? "", chosenName: profile?.chosenName ?? "" },
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.get("saved") && !actionData ? <SuccessBanner>Your names are saved.</SuccessBanner> : null}
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Your account</h1>
        <p className="govuk-body">
          You are signed in with <strong>{email}</strong>. Other members see your name, not your email address.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <TextField field={fields.displayName} label="Your name" autoComplete="name" spellCheck={false} />
          <TextField
            field={fields.chosenName}
            label="Name to show to others (optional)"
            hint="If you give one, other members see this name instead of your name, everywhere in Assurance Hub."
            autoComplete="nickname"
            spellCheck={false}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Save names
          </button>
        </Form>
      </div>
    </div>
  );
}
