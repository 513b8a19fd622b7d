import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { useNonce } from "~/components/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ error }) => [{ title: error ? `${errorTitle(error)} – Assurance Hub` : "Assurance Hub" }];

function errorTitle(error: unknown) {
  if (isRouteErrorResponse(error) && error.status === 404) return "Page not found";
  if (isRouteErrorResponse(error) && error.status === 403) return "You do not have permission to do this";
  if (isRouteErrorResponse(error) && error.status === 400) return "There is a problem with that request";
  return "Sorry, there is a problem with the service";
}

export async function loader({ context }: LoaderFunctionArgs) {
  return { user: context.user ? { name: context.user.name, email: context.user.email } : null };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  const { pathname, search } = useLocation();
  // Signing in from any page comes back to it (not from the account pages themselves).
  const back = pathname === "/" || /^\/(sign-in|sign-up|sign-out)/.test(pathname) ? "" : `?redirectTo=${encodeURIComponent(pathname + search)}`;
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b0c0c" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="app-header" role="banner">
          <div className="govuk-width-container app-header__container">
            <Link to="/" className="app-header__service">
              Assurance Hub
            </Link>
            <nav aria-label="Account and menu">
              <ul className="app-header__nav">
                <li>
                  <Link to="/">Strategies</Link>
                </li>
                {user ? (
                  <>
                    <li className="app-header__user">
                      Signed in as <strong>{user.name}</strong>
                    </li>
                    <li>
                      <Link to="/account">Your account</Link>
                    </li>
                    <li>
                      <Form method="post" action="/sign-out" className="app-inline-form">
                        <button type="submit" className="app-link-button">
                          Sign out
                        </button>
                      </Form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <Link to={`/sign-in${back}`}>Sign in</Link>
                    </li>
                    <li>
                      <Link to={`/sign-up${back}`}>Create an account</Link>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main">
            {children}
          </main>
        </div>
        <footer className="govuk-footer" role="contentinfo">
          <div className="govuk-width-container">
            <p className="govuk-body-s">
              Assurance Hub helps people who draw on care and support, people who work in social care and sector
              partners write a workforce strategy together and show whether it is working.
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const title = errorTitle(error);
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <ErrorPage title={title}>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          If the page was part of a private strategy, you need to be a member of that strategy to see it.
        </p>
      </ErrorPage>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 403) {
    return (
      <ErrorPage title={title}>
        <p className="govuk-body">
          {typeof error.data === "string" && error.data
            ? error.data
            : "Your roles in this strategy do not allow it. A facilitator of the strategy can change your roles."}
        </p>
      </ErrorPage>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 400) {
    return (
      <ErrorPage title={title}>
        <p className="govuk-body">{typeof error.data === "string" ? error.data : "Check the address and try again."}</p>
      </ErrorPage>
    );
  }
  return (
    <ErrorPage title={title}>
      <p className="govuk-body">Try again later. Anything you submitted was either saved completely or not at all.</p>
    </ErrorPage>
  );
}
