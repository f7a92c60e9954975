import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionSource,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { sql } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { completeFromCatalog, type CatalogTable } from './catalog-completion';
import { duckDbDialect } from './sql-dialect';

/** What the editor asks of the screen around it. */
export interface EditorHooks {
  /** The text changed (typed, pasted, completed). */
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Ctrl/Cmd+ArrowUp / ArrowDown: the previous or next query of the history, or null at its end. */
  onHistory(step: -1 | 1): string | null;
  /** The live catalog, read at each completion. */
  catalog(): readonly CatalogTable[];
}

/** Syntax colours from the theme's variables, so both themes keep their contrast. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.operatorKeyword], color: 'var(--code-keyword)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--code-number)' },
  { tag: [tags.lineComment, tags.blockComment], color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.standard(tags.name)], color: 'var(--accent)' },
]);

const theme = EditorView.theme({
  '&': { background: 'var(--panel)', color: 'var(--text)', fontSize: '0.9rem', minHeight: '9rem' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', minHeight: '9rem', maxHeight: '40vh' },
  '.cm-content': { caretColor: 'var(--text)', padding: '0.5rem 0' },
  '.cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { background: 'var(--panel-strong)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine': { background: 'color-mix(in srgb, var(--accent) 7%, transparent)' },
  '.cm-activeLineGutter': { background: 'color-mix(in srgb, var(--accent) 14%, transparent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    background: 'color-mix(in srgb, var(--accent) 30%, transparent) !important',
  },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-tooltip': { background: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--line-strong)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    background: 'var(--accent)',
    color: 'var(--on-accent)',
  },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.85', marginLeft: '0.75em' },
  '.cm-matchingBracket': { outline: '1px solid var(--line-strong)', background: 'transparent' },
});

/** Completion of `layer.table` names and their columns from the live catalog. */
function catalogSource(catalog: () => readonly CatalogTable[]): CompletionSource {
  return (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const before = context.state.sliceDoc(line.from, context.pos);
    const found = completeFromCatalog(before, context.state.doc.toString(), catalog());
    if (!found) return null;
    return { from: line.from + found.from, options: found.options, validFor: /^[\w.]*$/ };
  };
}

/** A CodeMirror 6 editor for DuckDB SQL with the lake's Delta statements, labelled "SQL". */
export function createSqlEditor(parent: HTMLElement, text: string, hooks: EditorHooks): EditorView {
  const replaceWith = (view: EditorView, next: string | null) => {
    if (next === null) return false;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: next },
      selection: { anchor: next.length },
    });
    return true;
  };
  const runKeys = Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: () => (hooks.onRun(), true) },
      { key: 'Mod-ArrowUp', run: (view) => replaceWith(view, hooks.onHistory(-1)) },
      { key: 'Mod-ArrowDown', run: (view) => replaceWith(view, hooks.onHistory(1)) },
    ]),
  );
  const language = sql({ dialect: duckDbDialect, upperCaseKeywords: false });
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        runKeys,
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        language,
        language.language.data.of({ autocomplete: catalogSource(hooks.catalog) }),
        autocompletion({ icons: false }),
        syntaxHighlighting(highlight),
        placeholder('select * from silver.orders limit 10'),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'SQL', spellcheck: 'false', autocapitalize: 'off' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) hooks.onChange(update.state.doc.toString());
        }),
        theme,
      ],
    }),
  });
}
