import { useEffect, useRef, useState } from "react";
import type { PresenceUser } from "~/domain/presence";

/**
 * Who is here now, and telling screen reader users when people join and leave: politely, a
 * few seconds apart at most, bursts gathered into one sentence, and only if they want it.
 */

/** Leaves this long between two announcements, so arrivals never drown out the writing. */
export const ANNOUNCE_GAP_MS = 5_000;
/** Waits this long after the first change before speaking, so a burst becomes one sentence. */
const GATHER_MS = 1_000;
/** Changes seen this soon after connecting describe who was already here. */
const ARRIVAL_MS = 3_000;
const PREFERENCE_KEY = "assurance-hub:announce-presence";

type Change = { user: PresenceUser; kind: "joined" | "left" };

const describe = (u: PresenceUser) => `${u.name} (${u.roleLabel})`;

function listWords(names: string[]): string {
  if (names.length <= 3) return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0];
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} others`;
}

/** One sentence for a gathered burst of changes: "Amira (person with lived experience) joined. Dev (sector partner) left." */
export function announcementFor(changes: Change[], { arriving }: { arriving: boolean }): string {
  const joined = changes.filter((c) => c.kind === "joined").map((c) => describe(c.user));
  const left = changes.filter((c) => c.kind === "left").map((c) => describe(c.user));
  const parts: string[] = [];
  if (joined.length) parts.push(`${listWords(joined)} ${arriving ? (joined.length > 1 ? "are here" : "is here") : "joined"}.`);
  if (left.length) parts.push(`${listWords(left)} left.`);
  return parts.join(" ");
}

/**
 * Follows the people in the document (one entry per account, however many tabs) and produces the
 * polite announcement of who joined and left. `others` changes whenever awareness does; `tracking`
 * is false while disconnected, when the provider forgets everyone else (that is not them leaving).
 */
export function usePresenceAnnouncements(others: PresenceUser[], tracking: boolean, enabled: boolean) {
  const [message, setMessage] = useState("");
  const known = useRef<Map<string, PresenceUser> | null>(null);
  const pending = useRef<Map<string, Change>>(new Map());
  const lastSpoken = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const spokenOnce = useRef(false);
  const trackingSince = useRef<number | null>(null);
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;

  useEffect(() => {
    if (!tracking) return;
    const before = known.current ?? new Map<string, PresenceUser>();
    const now = new Map(others.map((u) => [u.id, u]));
    for (const [id, user] of now) if (!before.has(id)) queue({ user, kind: "joined" });
    for (const [id, user] of before) if (!now.has(id)) queue({ user, kind: "left" });
    known.current = now;
    trackingSince.current ??= Date.now();
  }, [others, tracking]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  function queue(change: Change) {
    const earlier = pending.current.get(change.user.id);
    // Someone who joins and leaves within one gathering (a page reload) is no news.
    if (earlier && earlier.kind !== change.kind) pending.current.delete(change.user.id);
    else pending.current.set(change.user.id, change);
    if (timer.current || !pending.current.size) return;
    const wait = Math.max(GATHER_MS, lastSpoken.current + ANNOUNCE_GAP_MS - Date.now());
    timer.current = setTimeout(flush, wait);
  }

  function flush() {
    timer.current = null;
    const changes = [...pending.current.values()];
    pending.current.clear();
    if (!changes.length || !enabledRef.current) return;
    // Those already here when the person arrived "are here"; later arrivals "joined".
    const arriving = !spokenOnce.current && Date.now() - (trackingSince.current ?? 0) < ARRIVAL_MS;
    const sentence = announcementFor(changes, { arriving });
    spokenOnce.current = true;
    lastSpoken.current = Date.now();
    // The same words twice would not be read again, so the second gets an invisible difference.
    setMessage((previous) => (previous === sentence ? `${sentence}\u00a0` : sentence));
  }

  return enabled ? message : "";
}

/** Whether to announce arrivals and departures: on unless the person turned it off in this browser. */
export function useAnnouncePreference(): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(true);
  useEffect(() => {
    try {
      setValue(window.localStorage.getItem(PREFERENCE_KEY) !== "off");
    } catch {
      // Storage can be unavailable (private browsing, blocked); the default stays.
    }
  }, []);
  const change = (next: boolean) => {
    setValue(next);
    try {
      window.localStorage.setItem(PREFERENCE_KEY, next ? "on" : "off");
    } catch {
      // As above: the choice then lasts for this page only.
    }
  };
  return [value, change];
}

/** The "Here now" list: everyone with the statement open, you first, each with their role in words. */
export function HereNow({ me, others }: { me: PresenceUser; others: PresenceUser[] }) {
  return (
    <div className="app-here-now">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id="here-now-heading">
        Here now
      </h3>
      <ul className="govuk-list app-here-now__list" aria-labelledby="here-now-heading">
        <li className={`app-here-now__person app-here-now__person--${me.roleGroup}`}>
          {me.name} ({me.roleLabel}) <span className="app-here-now__you">– you</span>
        </li>
        {others.map((u) => (
          <li key={u.id} className={`app-here-now__person app-here-now__person--${u.roleGroup}`}>
            {u.name} ({u.roleLabel})
          </li>
        ))}
      </ul>
      {others.length ? null : <p className="govuk-body-s app-here-now__alone">No one else has this statement open.</p>}
    </div>
  );
}

/** The checkbox that turns the announcements off (and on again), remembered in this browser. */
export function AnnounceToggle({ checked, onChange }: { checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small app-announce-toggle">
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id="announce-presence"
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby="announce-presence-hint"
        />
        <label className="govuk-label govuk-checkboxes__label" htmlFor="announce-presence">
          Announce who joins and leaves
        </label>
        <div id="announce-presence-hint" className="govuk-hint govuk-checkboxes__hint">
          For screen readers: at most one short message every few seconds.
        </div>
      </div>
    </div>
  );
}
