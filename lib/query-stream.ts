// One statement whose rows arrive in chunks and which an abort signal stops. The server runs every
// heavy query this way: a chunk (2,048 rows) is turned into plain values at a time, one column then
// a turn of the event loop (next-turn.ts), so the main thread is never held for a whole answer, and
// a request whose client left or whose time ran out interrupts DuckDB instead of letting it work on
// for nobody. The chunk stays in columns (queryColumns) for a reader that builds its own rows
// (the indicator engine): each row object is then made once, not twice.
import { JSDuckDBValueConverter, type DuckDBConnection } from "@duckdb/node-api";
import { toJson, type JsonValue, type Row, type SqlParams } from "./duckdb.ts";
import { nextTurn } from "./next-turn.ts";

/** The statement was stopped by its abort signal; `reason` is the signal's reason. */
export class QueryInterrupted extends Error {
  constructor(readonly reason: unknown) {
    super(`query interrupted: ${reasonText(reason)}`);
    this.name = "QueryInterrupted";
  }
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "aborted";
}

/**
 * DuckDB drops an interrupt that arrives before the statement starts executing, and an interrupt
 * during a fetch ends the stream as if it were complete. So the connection is interrupted again
 * every few milliseconds until the statement settles, and a stream that ends after an abort is
 * reported as interrupted, never as a short result.
 */
const REINTERRUPT_MS = 20;

/** One chunk of a result, column by column: `columns[name][r]` is the value of its row r. */
export interface ColumnChunk {
  rowCount: number;
  /** The result's column names, in order. */
  names: readonly string[];
  columns: Record<string, JsonValue[]>;
}

export async function* queryColumns(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
  signal?: AbortSignal,
): AsyncGenerator<ColumnChunk> {
  if (signal?.aborted) throw new QueryInterrupted(signal.reason);
  let timer: NodeJS.Timeout | null = null;
  const interrupt = () => {
    connection.interrupt();
    timer ??= setInterval(() => connection.interrupt(), REINTERRUPT_MS);
  };
  signal?.addEventListener("abort", interrupt, { once: true });
  const stopped = (error?: unknown): never => {
    if (signal?.aborted) throw new QueryInterrupted(signal.reason);
    throw error;
  };
  try {
    const result = await connection.stream(sql, params).catch(stopped);
    const names = result.columnNames();
    for (;;) {
      const chunk = await result.fetchChunk().catch(stopped);
      if (signal?.aborted) stopped();
      if (chunk === null || chunk.rowCount === 0) return;
      const rowCount = chunk.rowCount;
      const columns: Record<string, JsonValue[]> = {};
      for (let c = 0; c < names.length; c++) {
        const values = chunk.convertColumnValues(c, JSDuckDBValueConverter);
        const column = new Array<JsonValue>(rowCount);
        for (let r = 0; r < rowCount; r++) column[r] = toJson(values[r]);
        columns[names[c]] = column;
        await nextTurn();
      }
      if (signal?.aborted) stopped();
      yield { rowCount, names, columns };
    }
  } finally {
    signal?.removeEventListener("abort", interrupt);
    if (timer) clearInterval(timer);
  }
}

/** The statement's rows as plain objects, chunk by chunk (see queryColumns). */
export async function* queryChunks(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
  signal?: AbortSignal,
): AsyncGenerator<Row[]> {
  for await (const { rowCount, names, columns } of queryColumns(connection, sql, params, signal)) {
    const rows: Row[] = new Array<Row>(rowCount);
    for (let r = 0; r < rowCount; r++) rows[r] = {};
    for (const name of names) {
      const values = columns[name];
      for (let r = 0; r < rowCount; r++) rows[r][name] = values[r];
    }
    yield rows;
  }
}

/** Every row of the statement, read chunk by chunk (see queryChunks). */
export async function queryAll(
  connection: DuckDBConnection,
  sql: string,
  params?: SqlParams,
  signal?: AbortSignal,
): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const chunk of queryChunks(connection, sql, params, signal)) rows.push(...chunk);
  return rows;
}
