import { SuccessBanner } from "~/components/banner";
import { rolesInSentence, type DescribedRole } from "~/domain/membership";

/** Shown once, on the strategy a person has just joined by accepting an invitation. */
export function JoinedBanner({ roles }: { roles: DescribedRole[] }) {
  return <SuccessBanner>You have joined this strategy{roles.length ? ` as ${rolesInSentence(roles)}` : ""}.</SuccessBanner>;
}
