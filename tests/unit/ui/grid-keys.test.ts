import { describe, expect, it } from 'vitest';
import { moveCell } from '../../../src/ui/sql/grid-keys';

const size = { rows: 100_000, cols: 3, pageRows: 20 };

describe('the result grid keyboard', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveCell('ArrowDown', false, { row: 0, col: 0 }, size)).toEqual({ row: 1, col: 0 });
    expect(moveCell('ArrowUp', false, { row: 0, col: 0 }, size)).toEqual({ row: 0, col: 0 });
    expect(moveCell('ArrowRight', false, { row: 5, col: 2 }, size)).toEqual({ row: 5, col: 2 });
    expect(moveCell('ArrowLeft', false, { row: 5, col: 2 }, size)).toEqual({ row: 5, col: 1 });
  });

  it('moves a page with PageUp/PageDown, a row end with Home/End, the grid corners with Ctrl', () => {
    expect(moveCell('PageDown', false, { row: 99_990, col: 1 }, size)).toEqual({ row: 99_999, col: 1 });
    expect(moveCell('PageUp', false, { row: 30, col: 1 }, size)).toEqual({ row: 10, col: 1 });
    expect(moveCell('End', false, { row: 7, col: 0 }, size)).toEqual({ row: 7, col: 2 });
    expect(moveCell('Home', false, { row: 7, col: 2 }, size)).toEqual({ row: 7, col: 0 });
    expect(moveCell('End', true, { row: 7, col: 0 }, size)).toEqual({ row: 99_999, col: 2 });
    expect(moveCell('Home', true, { row: 7, col: 2 }, size)).toEqual({ row: 0, col: 0 });
    expect(moveCell('a', false, { row: 7, col: 2 }, size)).toBeNull();
  });
});
