/**
 * The hint a database function or trigger raised with (for example 'last_facilitator'), so an
 * action can turn a rule the database enforces into a message next to the right field.
 */
export function databaseHint(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "hint" in error && typeof error.hint === "string") {
    return error.hint;
  }
  return undefined;
}

/** The SQLSTATE code a database error carries (for example '40001'), or undefined. */
export function databaseErrorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}
