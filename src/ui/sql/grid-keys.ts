/** A cell of the result grid: a data row (0-based) and a column (0-based). */
export interface CellPosition {
  row: number;
  col: number;
}

/** The grid's size and how many rows one page (PageUp / PageDown) moves. */
export interface GridSize {
  rows: number;
  cols: number;
  pageRows: number;
}

/**
 * Where a key moves the focused cell, as the ARIA grid pattern has it: arrows one cell, PageUp and
 * PageDown one page of rows, Home and End the first and last cell of the row, Ctrl+Home and Ctrl+End
 * the first and last cell of the grid. Null when the key does not move.
 */
export function moveCell(key: string, ctrl: boolean, at: CellPosition, size: GridSize): CellPosition | null {
  const clamp = (row: number, col: number): CellPosition => ({
    row: Math.max(0, Math.min(size.rows - 1, row)),
    col: Math.max(0, Math.min(size.cols - 1, col)),
  });
  switch (key) {
    case 'ArrowDown':
      return clamp(at.row + 1, at.col);
    case 'ArrowUp':
      return clamp(at.row - 1, at.col);
    case 'ArrowRight':
      return clamp(at.row, at.col + 1);
    case 'ArrowLeft':
      return clamp(at.row, at.col - 1);
    case 'PageDown':
      return clamp(at.row + size.pageRows, at.col);
    case 'PageUp':
      return clamp(at.row - size.pageRows, at.col);
    case 'Home':
      return ctrl ? clamp(0, 0) : clamp(at.row, 0);
    case 'End':
      return ctrl ? clamp(size.rows - 1, size.cols - 1) : clamp(at.row, size.cols - 1);
    default:
      return null;
  }
}
