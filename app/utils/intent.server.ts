/**
 * The `intent` of a form with several buttons. An intent the page does not offer is a bad
 * request, answered with the 400 page.
 */
export function readIntent<Intent extends string>(formData: FormData, intents: readonly Intent[]): Intent {
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !(intents as readonly string[]).includes(intent)) {
    throw new Response("That action is not available on this page.", { status: 400 });
  }
  return intent as Intent;
}

/** A text value of a submitted form, for passing to requireId. */
export const formText = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};
