import type { ReactNode } from "react";

/** A GOV.UK success banner, announced politely to screen readers. */
export function SuccessBanner({ title = "Success", children }: { title?: string; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="success-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="success-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <div className="govuk-notification-banner__heading">{children}</div>
      </div>
    </div>
  );
}

/** A GOV.UK important-information banner. */
export function InfoBanner({ title = "Important", children }: { title?: string; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="info-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="info-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
