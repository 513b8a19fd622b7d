import { signOffStateLabels, signOffStateTagClass, type SignOffState } from "~/domain/sign-off";

/**
 * One organisation's sign-off state as a tag. The words carry the meaning; a symbol repeats it for
 * people who scan by shape, and the colour only repeats both (never colour alone).
 */
export function SignOffStateTag({ state }: { state: SignOffState }) {
  return (
    <strong className={`govuk-tag ${signOffStateTagClass[state]} app-sign-off-tag`}>
      <span aria-hidden="true" className="app-sign-off-tag__symbol">
        {signOffSymbols[state]}
      </span>{" "}
      {signOffStateLabels[state]}
    </strong>
  );
}

const signOffSymbols: Record<SignOffState, string> = {
  not_requested: "–",
  waiting: "…",
  endorsed: "✓",
  endorsed_with_conditions: "✓",
  objected: "✗",
  stale: "!",
};
