import { HocuspocusProvider } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { collabMessage, finalCollabReasons, isCollabReason } from "~/collab/messages";
import { roleGroupColours, type PresenceUser } from "~/domain/presence";
import { statementExtensions } from "~/domain/statement-content";
import { ROLE_GROUPS, statementDocumentName, type RoleGroup } from "~/domain/statements";
import { EditorToolbar, type ToolbarHandle } from "./editor-toolbar";
import { LinkForm } from "./link-form";
import { AnnounceToggle, HereNow, useAnnouncePreference, usePresenceAnnouncements } from "./presence";

/**
 * The live, shared editor of a statement's text (Tiptap on a Yjs document, synchronised by
 * Hocuspocus). Loaded only in the browser, only on the statement's Text tab, after the
 * server-rendered text is already on screen; the page keeps showing that text until the live
 * one has arrived, and keeps it if the live one cannot come.
 */
export type EditorReport = {
  /** The live text is on screen (the server-rendered copy can go). */
  live: boolean;
  /** What to tell the person about the connection, politely. */
  status: string;
  /** The live text could not be opened at all; `status` says why. */
  failed: boolean;
};

export type StatementEditorProps = {
  tokenPath: string;
  statementId: string;
  me: PresenceUser;
  /** The page's own view: whether this person may change the text now. The server decides too. */
  canEdit: boolean;
  /** Why the text is read-only for this person, when it is. */
  readOnlyReason: string | null;
  labelId: string;
  onReport: (report: EditorReport) => void;
};

/** How long to wait before trying again after a passing refusal (expired token, database busy). */
const PASSING_REFUSAL_RETRY_MS = 5_000;

type Connection = "connecting" | "connected" | "reconnecting" | "refused";

type Session = { doc: Y.Doc; provider: HocuspocusProvider };

const STATUS = {
  connecting: "Connecting to the live text…",
  editing: "Connected — changes are saved automatically",
  reading: "Connected — you see changes as others make them",
  reconnectingEditor: "Reconnecting… your changes are kept",
  reconnectingReader: "Reconnecting…",
};

async function fetchToken(tokenPath: string): Promise<{ token: string; url: string }> {
  const response = await fetch(tokenPath, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (response.status === 403 || response.status === 404 || response.status === 401) throw new RefusedError("forbidden");
  if (!response.ok) throw new RefusedError("unavailable");
  return response.json();
}

class RefusedError extends Error {
  constructor(public readonly reason: string) {
    super(reason);
  }
}

/** Another editor's shared details, checked: any client can put anything in awareness. */
function presenceFrom(value: unknown): PresenceUser | null {
  if (!value || typeof value !== "object") return null;
  const u = value as Record<string, unknown>;
  if (typeof u.id !== "string" || typeof u.name !== "string" || typeof u.roleLabel !== "string") return null;
  const roleGroup: RoleGroup = (ROLE_GROUPS as readonly string[]).includes(u.roleGroup as string) ? (u.roleGroup as RoleGroup) : "other";
  return { id: u.id, name: u.name.slice(0, 80), roleLabel: u.roleLabel.slice(0, 60), roleGroup, color: roleGroupColours[roleGroup] };
}

/** Everyone else with the document open, once per account, by name. */
function othersFrom(states: { clientId: number; [key: string]: unknown }[], myClientId: number, myId: string): PresenceUser[] {
  const people = new Map<string, PresenceUser>();
  for (const state of states) {
    if (state.clientId === myClientId) continue;
    const user = presenceFrom(state.user);
    if (user && user.id !== myId) people.set(user.id, user);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

/** A caret for another editor: a line in their group's colour and a label with their name. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const person = presenceFrom(user);
  const caret = document.createElement("span");
  caret.className = `app-caret app-caret--${person?.roleGroup ?? "other"}`;
  // The "Here now" list and the announcements say who is here; inside the text, a screen reader
  // would read the name as if it were part of the statement.
  caret.setAttribute("aria-hidden", "true");
  caret.contentEditable = "false";
  const label = document.createElement("span");
  label.className = "app-caret__label";
  // The name only, kept short beside the text; the "Here now" list gives each person's role.
  label.textContent = person?.name ?? "Someone";
  caret.append(label);
  return caret;
}

export default function StatementEditor(props: StatementEditorProps) {
  const { tokenPath, statementId, me, onReport } = props;
  const [session, setSession] = useState<Session | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverReadOnly, setServerReadOnly] = useState(false);
  const [everSynced, setEverSynced] = useState(false);
  const [others, setOthers] = useState<PresenceUser[]>([]);
  const [announce, setAnnounce] = useAnnouncePreference();
  const announcement = usePresenceAnnouncements(others, connection === "connected", announce);
  // When the server changes what this person may do (the statement was agreed, archived,
  // reopened), the page reloads its data, so the status and the reason shown change with it.
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;

  useEffect(() => {
    let cancelled = false;
    let synced = false;
    let lastScope: string | null = null;
    let provider: HocuspocusProvider | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const doc = new Y.Doc();

    const refuse = (reason: string) => {
      if (cancelled) return;
      if (!isCollabReason(reason) || !finalCollabReasons.has(reason)) {
        // Passing (a token that could not be fetched while offline, a server restarting): the
        // provider reconnects by itself, with a new token.
        setNotice(collabMessage(isCollabReason(reason) ? reason : null));
        // After a refused sign-in (a token that ran out, a database that did not answer) the
        // provider waits for good; start again after a pause, with a fresh token.
        clearTimeout(retry);
        retry = setTimeout(() => {
          if (cancelled || !provider) return;
          const socket = provider.configuration.websocketProvider;
          if (socket.status === "disconnected") return void socket.connect();
          // The socket closes asynchronously; connecting before it has closed would do nothing.
          const again = () => {
            socket.off("disconnect", again);
            if (!cancelled) void socket.connect();
          };
          socket.on("disconnect", again);
          socket.disconnect();
        }, PASSING_REFUSAL_RETRY_MS);
        return;
      }
      provider?.destroy();
      setRefusal(collabMessage(reason));
      setConnection("refused");
    };

    // The browser knows at once when the network goes; the socket would take half a minute to
    // notice. Going offline shows "Reconnecting…" now; coming back reconnects now, not after the
    // provider's growing wait between attempts. What was typed meanwhile merges on reconnection.
    const onOffline = () => provider?.configuration.websocketProvider.disconnect();
    const onOnline = () => void provider?.connect();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);

    (async () => {
      let first: { token: string; url: string };
      try {
        first = await fetchToken(tokenPath);
      } catch (error) {
        refuse(error instanceof RefusedError ? error.reason : "unavailable");
        return;
      }
      if (cancelled) return;
      let firstToken: string | null = first.token;
      provider = new HocuspocusProvider({
        url: first.url,
        name: statementDocumentName(statementId),
        document: doc,
        // The first token came with the address; every reconnection asks for a fresh one.
        token: async () => {
          if (firstToken) {
            const token = firstToken;
            firstToken = null;
            return token;
          }
          try {
            return (await fetchToken(tokenPath)).token;
          } catch (error) {
            // No longer allowed (removed from the strategy, signed out): that is final.
            if (error instanceof RefusedError && error.reason === "forbidden") refuse("forbidden");
            throw error;
          }
        },
        onAuthenticated: ({ scope }) => {
          if (cancelled) return;
          if (scope !== lastScope && lastScope !== null) revalidate.current();
          lastScope = scope;
          setServerReadOnly(scope === "readonly");
        },
        onAuthenticationFailed: ({ reason }) => refuse(reason),
        onSynced: ({ state }) => {
          if (!state || cancelled) return;
          synced = true;
          setEverSynced(true);
          setNotice(null);
          setConnection("connected");
        },
        onStatus: ({ status }) => {
          if (cancelled || status !== "disconnected") return;
          setConnection((c) => (c === "refused" ? c : synced ? "reconnecting" : "connecting"));
        },
        onClose: ({ event }) => {
          if (isCollabReason(event.reason)) refuse(event.reason);
        },
        onAwarenessChange: ({ states }) => {
          if (!cancelled) setOthers(othersFrom(states, doc.clientID, me.id));
        },
      });
      setSession({ doc, provider });
    })();

    return () => {
      cancelled = true;
      clearTimeout(retry);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      provider?.destroy();
      doc.destroy();
    };
  }, [tokenPath, statementId, me.id]);

  const editable = props.canEdit && !serverReadOnly && connection !== "refused";
  const readOnlyReason =
    props.readOnlyReason ?? (serverReadOnly ? "You can read this statement. Only members who co-write can change it now." : null);
  const live = everSynced;

  const status =
    connection === "refused"
      ? (refusal ?? collabMessage(null))
      : connection === "reconnecting"
        ? (notice ?? (props.canEdit ? STATUS.reconnectingEditor : STATUS.reconnectingReader))
        : connection === "connecting"
          ? (notice ?? STATUS.connecting)
          : editable
            ? STATUS.editing
            : STATUS.reading;

  useEffect(() => {
    onReport({ live, status, failed: connection === "refused" && !live });
  }, [live, status, connection, onReport]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {readOnlyReason && live ? <p className="govuk-inset-text app-editor__read-only">{readOnlyReason}</p> : null}
        {session ? (
          <LiveText session={session} me={me} editable={editable} labelId={props.labelId} hidden={!live} />
        ) : null}
      </div>
      <div className="govuk-grid-column-one-third">
        {live ? (
          <aside className="app-presence" aria-label="People with this statement open">
            <HereNow me={me} others={others} />
            <AnnounceToggle checked={announce} onChange={setAnnounce} />
          </aside>
        ) : null}
        <div className="govuk-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
      </div>
    </div>
  );
}

/** The toolbar, the link form and the text itself, bound to the shared document. */
function LiveText({
  session,
  me,
  editable,
  labelId,
  hidden,
}: {
  session: Session;
  me: PresenceUser;
  editable: boolean;
  labelId: string;
  hidden: boolean;
}) {
  const toolbar = useRef<ToolbarHandle>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const [linkForm, setLinkForm] = useState<{ initial: string } | null>(null);
  const textId = "statement-live-text";
  const hintId = "statement-live-text-hint";

  const attributes = useMemo(
    () => ({
      role: "textbox",
      "aria-multiline": "true",
      "aria-labelledby": labelId,
      "aria-describedby": hintId,
      id: textId,
      class: "app-editor__text",
      ...(editable ? {} : { "aria-readonly": "true" }),
    }),
    [labelId, editable],
  );

  const editor = useEditor(
    {
      extensions: [
        ...statementExtensions(),
        Collaboration.configure({ document: session.doc }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: me,
          render: renderCaret,
          selectionRender: (user: Record<string, unknown>) => ({
            nodeName: "span",
            class: `app-caret-selection app-caret-selection--${presenceFrom(user)?.roleGroup ?? "other"}`,
          }),
        }),
      ],
      editable,
      // The page's Content Security Policy allows no inline styles; app.scss styles the editor.
      injectCSS: false,
      editorProps: { attributes },
    },
    [session],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setOptions({ editorProps: { attributes } });
    editor.setEditable(editable);
  }, [editor, editable, attributes]);

  // Tab and Shift+Tab always leave the text (the list extension would otherwise take them to
  // indent), and Escape goes back to the toolbar: the editor never traps the keyboard.
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const inText = (event.target as HTMLElement | null)?.closest?.(".ProseMirror");
      if (!inText) return;
      if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.stopPropagation();
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        if (toolbar.current) toolbar.current.focus();
        else document.getElementById(labelId)?.focus();
      }
    };
    element.addEventListener("keydown", onKeyDown, true);
    return () => element.removeEventListener("keydown", onKeyDown, true);
  }, [labelId]);

  if (!editor) return null;

  const openLinkForm = () => setLinkForm({ initial: (editor.getAttributes("link").href as string | undefined) ?? "https://" });
  const closeLinkForm = () => {
    setLinkForm(null);
    editor.commands.focus();
  };
  const saveLink = (href: string) => addLink(editor, href);

  return (
    <div className="app-editor" ref={wrapper} hidden={hidden}>
      {editable ? (
        <>
          <p className="govuk-hint govuk-!-font-size-16 app-editor__hint" id={hintId}>
            Press Escape to go to the formatting buttons. Tab moves on to the rest of the page.
          </p>
          <EditorToolbar ref={toolbar} editor={editor} onLink={openLinkForm} controls={textId} />
          {linkForm ? (
            <LinkForm
              initial={linkForm.initial}
              onCancel={closeLinkForm}
              onSave={(href) => {
                saveLink(href);
                setLinkForm(null);
              }}
            />
          ) : null}
        </>
      ) : (
        <p className="govuk-visually-hidden" id={hintId}>
          Read only.
        </p>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}

/** Links the selected words, or, with nothing selected, writes the address itself as a link. */
function addLink(editor: Editor, href: string) {
  const { empty } = editor.state.selection;
  if (empty && !editor.isActive("link")) {
    editor.chain().focus().insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    return;
  }
  editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
}
