import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "@remix-run/react";
import { joinAnnouncements, pausedWords, type LiveEvent } from "~/domain/live";

/**
 * Keeps a page current while it is open: each change recorded in the strategy (that this person
 * may see) reloads the page's data without a navigation, and a polite status message says what
 * changed. Announcements are throttled, and everything can be paused (WCAG 2.2.2), a choice that
 * is remembered. Before scripts load, or without them, the page says it is as of loading.
 */

/** Reloads the page's data at most this often; the first change of a quiet spell reloads at once. */
const REVALIDATE_GAP_MS = 1_000;
/** Leaves this long between two announcements; what comes in between is said together. */
export const ANNOUNCE_GAP_MS = 5_000;
const PAUSE_KEY = "assurance-hub:live-updates-paused";

type Connection = "connecting" | "live" | "reconnecting" | "stopped";

const connectionWords: Record<Connection, string> = {
  connecting: "Connecting to live updates…",
  live: "Live: this page updates as changes are recorded",
  reconnecting: "Reconnecting…",
  stopped: "Live updates stopped: reload the page to see the latest",
};

function readPaused(): boolean {
  try {
    return window.localStorage.getItem(PAUSE_KEY) === "true";
  } catch {
    // Storage can be unavailable (private browsing, blocked): not paused.
    return false;
  }
}

function rememberPaused(paused: boolean) {
  try {
    window.localStorage.setItem(PAUSE_KEY, paused ? "true" : "false");
  } catch {
    // As above: the choice then lasts for this page only.
  }
}

export function LiveUpdates({ strategyId, after }: { strategyId: string; after: number }) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  const [scripted, setScripted] = useState(false);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [paused, setPaused] = useState(false);
  const [missed, setMissed] = useState(0);
  const [message, setMessage] = useState("");

  const pausedRef = useRef(false);
  const missedAnnouncements = useRef<string[]>([]);
  const missedCount = useRef(0);
  // The stream starts where the page's data ends; later reloads of the data do not restart it.
  const startAfter = useRef(after);

  const lastRevalidated = useRef(0);
  const revalidateTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSpoken = useRef(0);
  const pending = useRef<string[]>([]);
  const speakTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function refresh() {
    if (revalidateTimer.current) return;
    const wait = lastRevalidated.current + REVALIDATE_GAP_MS - Date.now();
    const run = () => {
      revalidateTimer.current = null;
      lastRevalidated.current = Date.now();
      revalidate.current();
    };
    if (wait <= 0) run();
    else revalidateTimer.current = setTimeout(run, wait);
  }

  function say(text: string) {
    // The same words twice in a row would not be read again; a no-break space makes them new.
    setMessage((current) => (current === text ? `${text}\u00a0` : text));
    lastSpoken.current = Date.now();
  }

  function announce(text: string) {
    pending.current.push(text);
    if (speakTimer.current) return;
    const flush = () => {
      speakTimer.current = null;
      const words = joinAnnouncements(pending.current);
      pending.current = [];
      if (words) say(words);
    };
    const wait = lastSpoken.current + ANNOUNCE_GAP_MS - Date.now();
    if (wait <= 0) flush();
    else speakTimer.current = setTimeout(flush, wait);
  }

  useEffect(() => {
    setScripted(true);
    const initiallyPaused = readPaused();
    pausedRef.current = initiallyPaused;
    setPaused(initiallyPaused);

    const source = new EventSource(`/strategies/${strategyId}/live?after=${startAfter.current}`);
    source.onopen = () => setConnection("live");
    source.onerror = () => {
      // CLOSED: the server refused (signed out, no longer allowed); the browser will not retry.
      if (source.readyState === EventSource.CLOSED) setConnection("stopped");
      else setConnection("reconnecting");
    };
    source.addEventListener("change", (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent;
      if (pausedRef.current) {
        missedCount.current += 1;
        setMissed(missedCount.current);
        if (event.announcement) missedAnnouncements.current.push(event.announcement);
        return;
      }
      refresh();
      if (event.announcement) announce(event.announcement);
    });
    return () => {
      source.close();
      if (revalidateTimer.current) clearTimeout(revalidateTimer.current);
      if (speakTimer.current) clearTimeout(speakTimer.current);
      revalidateTimer.current = null;
      speakTimer.current = null;
    };
    // Only a different strategy needs a different stream; `after` is read once, above, and the
    // helpers read their state through refs.
  }, [strategyId]);

  function toggle() {
    const next = !paused;
    pausedRef.current = next;
    setPaused(next);
    rememberPaused(next);
    if (next) {
      if (speakTimer.current) clearTimeout(speakTimer.current);
      speakTimer.current = null;
      pending.current = [];
      missedCount.current = 0;
      missedAnnouncements.current = [];
      setMissed(0);
      return;
    }
    const count = missedCount.current;
    const heard = missedAnnouncements.current;
    missedCount.current = 0;
    missedAnnouncements.current = [];
    setMissed(0);
    if (count > 0) {
      refresh();
      const words = joinAnnouncements(heard) ?? (count === 1 ? "1 change since you paused" : `${count} changes since you paused`);
      say(words);
    }
  }

  if (!scripted) {
    return (
      <p className="govuk-body-s app-live-updates app-print-hidden" data-live-updates="static">
        This page shows the position when it was loaded. Reload it to see later changes.
      </p>
    );
  }

  return (
    <div className="app-live-updates app-print-hidden" data-live-updates={connection}>
      <p className="govuk-body-s govuk-!-margin-bottom-2">{paused ? pausedWords(missed) : connectionWords[connection]}</p>
      <p className="govuk-body-s govuk-!-margin-bottom-2" role="status" aria-live="polite" aria-atomic="true">
        {message}
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4"
        aria-pressed={paused}
        onClick={toggle}
      >
        Pause live updates
      </button>
    </div>
  );
}
