/** An error from the database, with its SQLSTATE code. */
export type PgError = Error & { code: string };

/** The error code a refused action failed with; undefined when it succeeded. Anything else is rethrown. */
export async function refusal(action: Promise<unknown>): Promise<string | undefined> {
  return action.then(
    () => undefined,
    (error: PgError) => {
      if (typeof error?.code !== "string") throw error;
      return error.code;
    },
  );
}
