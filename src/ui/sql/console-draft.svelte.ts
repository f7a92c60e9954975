/**
 * The SQL console's text, shared so other screens (the walkthrough, the table browser) can
 * open a query in the console: set `consoleDraft.text`, then navigate to the SQL screen.
 */
class ConsoleDraft {
  text = $state('select 42 as answer');
  /** Set when another screen asks the console to run the draft as it opens. */
  runPending = $state(false);

  open(sql: string, run = false): void {
    this.text = sql;
    this.runPending = run;
  }
}

export const consoleDraft = new ConsoleDraft();
