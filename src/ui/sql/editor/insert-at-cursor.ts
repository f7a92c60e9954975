import type { EditorView } from '@codemirror/view';

/** Put `text` at the editor's cursor (replacing a selection), then give the editor the focus back. */
export function insertAtCursor(view: EditorView, text: string): void {
  const { from, to } = view.state.selection.main;
  view.dispatch({
    changes: { from, to, insert: text },
    selection: { anchor: from + text.length },
    scrollIntoView: true,
  });
  // After the click that asked for it has finished moving the focus to its button.
  requestAnimationFrame(() => view.focus());
}
