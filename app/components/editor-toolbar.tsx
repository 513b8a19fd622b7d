import { useEditorState, type Editor } from "@tiptap/react";
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";

/**
 * The statement editor's toolbar, as WAI-ARIA's toolbar pattern has it: one Tab stop, arrow
 * keys (and Home, End) move between buttons, each button says in words what it does and, for
 * styles, whether it is on (aria-pressed). A command returns focus to the text.
 */
type Tool = {
  id: string;
  label: string;
  shortcut?: string;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
  group: number;
};

const TOOLS: Tool[] = [
  {
    id: "h2",
    label: "Heading",
    group: 0,
    active: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    id: "h3",
    label: "Subheading",
    group: 0,
    active: (e) => e.isActive("heading", { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    id: "bold",
    label: "Bold",
    shortcut: "Control+B",
    group: 1,
    active: (e) => e.isActive("bold"),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    id: "italic",
    label: "Italic",
    shortcut: "Control+I",
    group: 1,
    active: (e) => e.isActive("italic"),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    id: "bullets",
    label: "Bulleted list",
    group: 2,
    active: (e) => e.isActive("bulletList"),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    id: "numbers",
    label: "Numbered list",
    group: 2,
    active: (e) => e.isActive("orderedList"),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { id: "link", label: "Link", group: 3, active: (e) => e.isActive("link"), run: () => undefined },
  {
    id: "unlink",
    label: "Remove link",
    group: 3,
    enabled: (e) => e.isActive("link"),
    run: (e) => e.chain().focus().extendMarkRange("link").unsetLink().run(),
  },
  {
    id: "undo",
    label: "Undo",
    shortcut: "Control+Z",
    group: 4,
    enabled: (e) => e.can().undo(),
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    id: "redo",
    label: "Redo",
    shortcut: "Control+Shift+Z",
    group: 4,
    enabled: (e) => e.can().redo(),
    run: (e) => e.chain().focus().redo().run(),
  },
];

export type ToolbarHandle = { focus(): void };

/** The toolbar of the statement editor; `onLink` opens the link form. */
export const EditorToolbar = forwardRef<ToolbarHandle, { editor: Editor; onLink: () => void; controls: string }>(function EditorToolbar(
  { editor, onLink, controls },
  ref,
) {
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      Object.fromEntries(
        TOOLS.map((t) => [t.id, { active: t.active?.(e) ?? false, enabled: t.enabled ? t.enabled(e) : true }]),
      ) as Record<string, { active: boolean; enabled: boolean }>,
  });

  useImperativeHandle(ref, () => ({ focus: () => buttons.current[current]?.focus() }), [current]);

  const move = (index: number) => {
    const next = (index + TOOLS.length) % TOOLS.length;
    setCurrent(next);
    buttons.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(current + 1),
      ArrowLeft: () => move(current - 1),
      Home: () => move(0),
      End: () => move(TOOLS.length - 1),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <div className="app-toolbar" role="toolbar" aria-label="Text formatting" aria-controls={controls} onKeyDown={onKeyDown}>
      {TOOLS.map((tool, i) => {
        const { active, enabled } = state?.[tool.id] ?? { active: false, enabled: true };
        const toggles = Boolean(tool.active) && tool.id !== "link";
        const startsGroup = i > 0 && TOOLS[i - 1].group !== tool.group;
        return (
          <button
            key={tool.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            className={`app-toolbar__button${startsGroup ? " app-toolbar__button--group-start" : ""}${active ? " app-toolbar__button--on" : ""}`}
            tabIndex={i === current ? 0 : -1}
            aria-pressed={toggles ? active : undefined}
            aria-disabled={enabled ? undefined : true}
            aria-keyshortcuts={tool.shortcut}
            onFocus={() => setCurrent(i)}
            // Keeps the text's selection when a button is clicked with a mouse.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (!enabled) return;
              if (tool.id === "link") onLink();
              else tool.run(editor);
            }}
          >
            <span className={`app-toolbar__face app-toolbar__face--${tool.id}`}>{tool.label}</span>
          </button>
        );
      })}
    </div>
  );
});
