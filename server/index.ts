/**
 * The custom Express server: static files, security headers, the cross-site form check, the
 * request's identity, then Remix. The HTTP server is created here so the collaboration server
 * (Hocuspocus) takes the WebSocket upgrades for /collab on the same port.
 */
import http from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import express from "express";
import helmet from "helmet";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, loadConfig } from "../app/platform/config.server";
import { createPlatform } from "../app/platform/index.server";
import { createCookieJar } from "../app/platform/cookies.server";
import { identifyRequest } from "../app/platform/identity.server";
import type { RequestContext } from "../app/platform/context.server";
import { refuseCrossSiteWrites } from "./origin-check";
import { COLLAB_PATH } from "../app/collab/server.server";
import { LIVE_PATH, liveEventsHandler } from "../app/platform/realtime/sse.server";

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const platform = await createPlatform(config);
// Mirrors remix.config.js: HUB_BUILD_DIR names a build kept under .builds/.
const buildDir = process.env.HUB_BUILD_DIR ? path.join(".builds", path.basename(process.env.HUB_BUILD_DIR)) : null;
const build = (await import(path.resolve(buildDir ? `${buildDir}/index.js` : "build/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", "loopback");

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": config.appOrigin.startsWith("https://") ? [] : null,
      },
    },
    strictTransportSecurity: config.appOrigin.startsWith("https://"),
    // Not helmet's "no-referrer": under it a browser sends `Origin: null` with a plain form post
    // from our own pages, which Remix refuses as cross-site, so no form worked before JavaScript
    // loaded. "same-origin" still sends nothing to other sites.
    referrerPolicy: { policy: "same-origin" },
  }),
);

app.use("/build", express.static(buildDir ? `${buildDir}/assets` : "public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(refuseCrossSiteWrites(config.appOrigin));

const identify: express.RequestHandler = async (req, res, next) => {
  try {
    const cookies = createCookieJar(req.headers.cookie, (value) => res.append("Set-Cookie", value));
    const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const userAgent = req.get("user-agent");
    const user = await identifyRequest(platform, { cookies, ip, userAgent });
    res.locals.context = { platform, user, cookies, ip, userAgent, cspNonce: res.locals.cspNonce };
    next();
  } catch (error) {
    next(error);
  }
};

// Live change events (Server-Sent Events): a long-lived response Remix is not built for.
app.get(
  LIVE_PATH,
  identify,
  liveEventsHandler({
    db: platform.db,
    hub: platform.live,
    claimsOf: (_req, res) => (res.locals.context as RequestContext).user?.claims ?? null,
  }),
);

app.all(
  "*",
  identify,
  createRequestHandler({
    build,
    mode: config.env === "production" ? "production" : "development",
    getLoadContext: (_req, res) => res.locals.context,
  }),
);

// Last resort (Remix renders its own error pages): never a stack trace to the browser.
app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error("[server] request failed:", error);
  if (res.headersSent) return;
  res
    .status(500)
    .type("html")
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sorry, there is a problem with the service – Assurance Hub</title><link rel="stylesheet" href="/styles/app.css"></head><body class="govuk-template__body"><main class="govuk-main-wrapper govuk-width-container" id="main-content"><h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1><p class="govuk-body">Try again later. Nothing you submitted was half-saved.</p></main></body></html>',
    );
});

const server = http.createServer(app);
server.on("upgrade", (req, socket, head) => {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  if (pathname === COLLAB_PATH) platform.collab.handleUpgrade(req, socket, head);
  else socket.destroy();
});
server.on("error", async (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Assurance Hub cannot start: port ${config.port} is already in use. Stop the other server, or set PORT to another port.`);
  } else {
    console.error("Assurance Hub cannot start:", error.message);
  }
  await platform.close();
  process.exit(1);
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(`[server] Assurance Hub (${config.mode} mode) on http://localhost:${port}`);
});

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`[server] ${signal}: storing open documents, then closing`);
  server.close();
  // Live streams end first (browsers reconnect to another instance or after the restart), then
  // every open statement is stored before the database closes.
  await platform.live.close();
  await platform.collab.close();
  await platform.close();
  console.log("[server] closed");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
