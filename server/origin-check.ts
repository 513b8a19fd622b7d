import type { RequestHandler } from "express";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses cross-site form posts: a write must come from this site's own pages. Browsers send
 * Origin (and Sec-Fetch-Site) with every POST; a request without either is not from a browser
 * and carries no one's cookies by accident.
 */
export function refuseCrossSiteWrites(appOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get("origin");
    const site = req.get("sec-fetch-site");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    const originOk = !origin || origin === appOrigin || origin === ownOrigin;
    const siteOk = !site || site === "same-origin" || site === "none";
    if (originOk && siteOk) return next();
    res
      .status(403)
      .type("html")
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>This form was sent from another website – Assurance Hub</title><link rel="stylesheet" href="/styles/app.css"></head><body class="govuk-template__body"><main class="govuk-main-wrapper govuk-width-container" id="main-content"><h1 class="govuk-heading-l">This form was sent from another website</h1><p class="govuk-body">For your safety, Assurance Hub only accepts forms sent from its own pages. Nothing was changed.</p><p class="govuk-body"><a class="govuk-link" href="/">Go to the Assurance Hub home page</a></p></main></body></html>',
      );
  };
}
