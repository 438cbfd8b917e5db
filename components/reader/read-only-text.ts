// A ProseMirror plugin that keeps the document's text unchangeable while leaving the
// editor focusable, so readers can move a caret and select with Shift+Arrow keys
// (a non-editable element has no caret in browsers without caret browsing).
import { Plugin, PluginKey } from "@tiptap/pm/state";

export function readOnlyText(): Plugin {
  return new Plugin({
    key: new PluginKey("readOnlyText"),
    filterTransaction: (transaction) => !transaction.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
    },
  });
}
