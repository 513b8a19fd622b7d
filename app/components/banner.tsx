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

/** Tells the reader of an archived priority's or commitment's page that it is archived, and a facilitator how to undo it. */
export function ArchivedBanner({
  noun,
  absentFrom,
  canRestore,
}: {
  noun: "priority" | "commitment" | "measure";
  /** The list it no longer appears in. */
  absentFrom: string;
  canRestore: boolean;
}) {
  return (
    <InfoBanner>
      <p className="govuk-notification-banner__heading">{`This ${noun} is archived`}</p>
      <p className="govuk-body">
        {`It does not appear in ${absentFrom}.`}
        {canRestore ? " Restore it to put it back in its old place." : ""}
      </p>
    </InfoBanner>
  );
}
