// Tells Remix's types that single fetch is on (remix.config.js future.v3_singleFetch).
import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
