"use client";
// The comment editor, loaded only when someone starts writing: its Tiptap code stays
// out of the reading page's first load.
import dynamic from "next/dynamic";

export const RichTextEditor = dynamic(() => import("./rich-text-editor").then((module) => module.RichTextEditor), {
  ssr: false,
  loading: () => (
    <div className="comment-editor editor-loading" role="status">
      Loading the editor…
    </div>
  ),
});
