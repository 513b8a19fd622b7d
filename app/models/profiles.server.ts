import type { Tx } from "~/platform/db.server";

export type Profile = { id: string; displayName: string; chosenName: string | null };

/** The signed-in person's own profile (RLS: people read and edit only their own, or co-members'). */
export async function getProfile(tx: Tx, userId: string): Promise<Profile | undefined> {
  return tx.one<Profile>(
    `select id, display_name as "displayName", chosen_name as "chosenName" from public.profiles where id = $1`,
    [userId],
  );
}

/** Changes the person's own names. */
export async function updateOwnProfile(tx: Tx, userId: string, input: { displayName: string; chosenName: string | null }) {
  await tx.query("update public.profiles set display_name = $2, chosen_name = $3 where id = $1", [
    userId,
    input.displayName,
    input.chosenName,
  ]);
}
