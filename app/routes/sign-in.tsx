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
  email: z.email({ message: "Enter an email address in the correct format, like name@example.com" }).trim().toLowerCase(),
  password: z.string({ message: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});

export const meta: MetaFunction = () => pageTitle("Sign in");

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await context.platform.auth.signIn(
    { cookies: context.cookies, ip: context.ip, userAgent: context.userAgent },
    { email, password },
  );
  if (!outcome.ok) {
    const status = outcome.failure.kind === "rate_limited" ? 429 : 400;
    return data(
      {
        result: submission.reply({
          fieldErrors: { email: [describeAuthFailure(outcome.failure, "sign-in")] },
          hideFields: ["password"],
        }),
      },
      { status },
    );
  }
  return redirect(safeRedirectPath(redirectTo));
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary form={form} fields={fields} />
        <h1 className="govuk-heading-xl">Sign in</h1>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <TextField field={fields.email} label="Email address" type="email" autoComplete="email" spellCheck={false} />
          <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Sign in
          </button>
        </Form>
        <p className="govuk-body">
          No account yet?{" "}
          <Link className="govuk-link" to={`/sign-up${params.toString() ? `?${params}` : ""}`}>
            Create an account
          </Link>
        </p>
      </div>
    </div>
  );
}
