// A Tiptap extension that keeps the document's text unchangeable while leaving the
// editor focusable, so readers can move a caret and select with Shift+Arrow keys
// (a non-editable element has no caret in browsers without caret browsing).
import { Extension } from "@tiptap/react";
import { Plugin, PluginKey } from "@tiptap/pm/state";

export const ReadOnlyText = Extension.create({
  name: "readOnlyText",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlyText"),
        filterTransaction: (transaction) => !transaction.docChanged,
        props: {
          handleTextInput: () => true,
          handlePaste: () => true,
          handleDrop: () => true,
        },
      }),
    ];
  },
});
