/**
 * The collaboration secret the end-to-end server is started with (scripts/e2e-server.sh reads it
 * from here), so a journey can mint a token the server accepts, such as one that has run out.
 * A throwaway value for a throwaway server on a fresh data folder.
 */
export const E2E_COLLAB_SECRET = "end-to-end-collaboration-secret-for-a-throwaway-server";
