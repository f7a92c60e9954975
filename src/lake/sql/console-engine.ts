import type { QueryResult, SqlEngine } from '../../engine/types';

/** The engine calls the SQL console needs. */
export interface ConsoleEngine extends SqlEngine {
  queryResult(sql: string, params?: [], limit?: number): Promise<QueryResult>;
}
