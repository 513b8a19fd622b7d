import { shortText } from "~/components/commitment";

/**
 * One button of a form with several (its `intent` says which was pressed). The visible label
 * is short ("Move up"); hidden words name the item, so a screen reader user hears which one.
 */
export function IntentButton({
  intent,
  label,
  item,
  warning,
}: {
  intent: string;
  label: string;
  item: string;
  warning?: boolean;
}) {
  return (
    <button
      type="submit"
      name="intent"
      value={intent}
      className={`govuk-button ${warning ? "govuk-button--warning" : "govuk-button--secondary"}`}
      data-module="govuk-button"
    >
      {label}
      <span className="govuk-visually-hidden"> “{shortText(item)}”</span>
    </button>
  );
}
