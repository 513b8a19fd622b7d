import { redirect, type ActionFunctionArgs } from "@remix-run/node";

export async function loader() {
  return redirect("/");
}

/** Ends the session on the server (the cookie alone is not trusted to do it). */
export async function action({ context }: ActionFunctionArgs) {
  await context.platform.auth.signOut({ cookies: context.cookies, ip: context.ip, userAgent: context.userAgent });
  return redirect("/?signedOut=1");
}
