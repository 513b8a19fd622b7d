import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField } from "~/components/forms";
import { describeAuthFailure } from "~/domain/auth-messages";
import { safeRedirectPath } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

const schema = z.object({
  displayName: z
    .string({ message: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(120, "Name must be 120 characters or fewer"),
  chosenName: z.string().trim().max(120, "Chosen name must be 120 characters or fewer").optional(),
  email: z.email({ message: "Enter an email address in the correct format, like name@example.com" }).trim().toLowerCase(),
  password: z
    .string({ message: "Enter a password" })
    .min(12, "Password must be 12 characters or more")
    .max(200, "Password must be 200 characters or fewer"),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => pageTitle("Create an account");

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, displayName, chosenName, redirectTo } = submission.value;
  const outcome = await context.platform.auth.signUp(
    { cookies: context.cookies, ip: context.ip, userAgent: context.userAgent },
    { email, password, displayName, chosenName: chosenName || undefined },
  );
  if (!outcome.ok) {
    const message = describeAuthFailure(outcome.failure, "sign-up");
    const field = outcome.failure.kind === "email_taken" ? "email" : "";
    return data(
      { result: submission.reply({ fieldErrors: field ? { [field]: [message] } : {}, formErrors: field ? [] : [message], hideFields: ["password"] }) },
      { status: 400 },
    );
  }
  return redirect(safeRedirectPath(redirectTo));
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Create an account</h1>
        <p className="govuk-body">
          You need an account to join a strategy you have been invited to, or to start a new strategy.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <TextField field={fields.displayName} label="Your name" autoComplete="name" spellCheck={false} />
          <TextField
            field={fields.chosenName}
            label="Name to show to others (optional)"
            hint="If you would rather not use your full name, for example as a person with lived experience, other members will see this name instead."
            autoComplete="nickname"
            spellCheck={false}
          />
          <TextField field={fields.email} label="Email address" type="email" autoComplete="email" spellCheck={false} />
          <TextField
            field={fields.password}
            label="Create a password"
            hint="Use 12 or more characters. A few unrelated words are easy to remember and hard to guess."
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Create account
          </button>
        </Form>
        <p className="govuk-body">
          Already have an account?{" "}
          <Link className="govuk-link" to={`/sign-in${params.toString() ? `?${params}` : ""}`}>
            Sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
