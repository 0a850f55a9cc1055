import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  AliasNode,
  type CompiledQuery,
  type DatabaseConnection,
  DeleteQueryNode,
  type Dialect,
  type Driver,
  InsertQueryNode,
  type OperationNode,
  type QueryResult,
  SelectQueryNode,
  TableNode,
  type TransactionSettings,
  UpdateQueryNode,
} from 'kysely';
import type { DatabaseDialect } from './connection.js';

const tracer = trace.getTracer('@know-foolery/shared/database');

/** `db.system` as OpenTelemetry names the two databases. */
const DB_SYSTEMS: Readonly<Record<DatabaseDialect, string>> = { sqlite: 'sqlite', postgres: 'postgresql' };

function tableName(node: OperationNode | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (AliasNode.is(node)) return tableName(node.node);
  return TableNode.is(node) ? node.table.identifier.name : undefined;
}

/** What a query does and to which table: `SELECT questions`, `INSERT game_sessions`, `BEGIN`. */
function querySummary(query: CompiledQuery): { operation: string; table: string | undefined } {
  const node = query.query;
  if (SelectQueryNode.is(node)) return { operation: 'SELECT', table: tableName(node.from?.froms[0]) };
  if (InsertQueryNode.is(node)) return { operation: 'INSERT', table: tableName(node.into) };
  if (UpdateQueryNode.is(node)) return { operation: 'UPDATE', table: tableName(node.table) };
  if (DeleteQueryNode.is(node)) return { operation: 'DELETE', table: tableName(node.from.froms[0]) };
  return { operation: /^\s*(\w+)/.exec(query.sql)?.[1]?.toUpperCase() ?? 'QUERY', table: undefined };
}

/**
 * A span for one query: its statement is the SQL Kysely compiled, with placeholders (`$1`, `?`)
 * where the values go; the values themselves are never recorded. None outside a traced operation
 * (migrations at start-up, readiness probes, sweeps on a timer): a trace of one query says nothing.
 */
function startQuerySpan(system: string, query: CompiledQuery): Span | undefined {
  if (trace.getSpan(context.active()) === undefined) return undefined;
  const { operation, table } = querySummary(query);
  const attributes: Attributes = {
    'db.system': system,
    'db.statement': query.sql,
    'db.operation.name': operation,
    ...(table === undefined ? {} : { 'db.collection.name': table }),
  };
  return tracer.startSpan(table === undefined ? operation : `${operation} ${table}`, {
    kind: SpanKind.CLIENT,
    attributes,
  });
}

/** The error's kind only (a PostgreSQL SQLSTATE, else its class): messages can quote the values. */
function failed(span: Span, error: unknown): void {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const kind = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
  span.setAttribute('error.type', kind);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

class TracedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  readonly #system: string;

  constructor(inner: DatabaseConnection, system: string) {
    this.inner = inner;
    this.#system = system;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const span = startQuerySpan(this.#system, query);
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (span !== undefined) failed(span, error);
      throw error;
    } finally {
      span?.end();
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const span = startQuerySpan(this.#system, query);
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      if (span !== undefined) failed(span, error);
      throw error;
    } finally {
      span?.end();
    }
  }
}

/**
 * The driver's connections, each wrapped so its queries are spans. The driver itself is always
 * handed its own connection back: PostgreSQL's releases it through a member only it knows.
 */
class TracedDriver implements Driver {
  readonly #inner: Driver;
  readonly #system: string;

  constructor(inner: Driver, system: string) {
    this.#inner = inner;
    this.#system = system;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new TracedConnection(await this.#inner.acquireConnection(), this.#system);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(unwrapped(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(unwrapped(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(unwrapped(connection));
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.#savepointMethod('savepoint')(unwrapped(connection), name, compileQuery);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2],
  ): Promise<void> {
    await this.#savepointMethod('rollbackToSavepoint')(unwrapped(connection), name, compileQuery);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: Parameters<NonNullable<Driver['releaseSavepoint']>>[2],
  ): Promise<void> {
    await this.#savepointMethod('releaseSavepoint')(unwrapped(connection), name, compileQuery);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(unwrapped(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  #savepointMethod(name: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint') {
    const method = this.#inner[name];
    if (method === undefined) throw new Error(`the ${this.#system} driver has no ${name}`);
    return method.bind(this.#inner);
  }
}

function unwrapped(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof TracedConnection ? connection.inner : connection;
}

/**
 * The dialect with a span for every query, on both databases alike (SQLite has no
 * instrumentation of its own, and one place names PostgreSQL's spans the same way). Without a
 * started SDK the spans are OpenTelemetry's no-op ones.
 */
export function tracedDialect(dialect: Dialect, database: DatabaseDialect): Dialect {
  const system = DB_SYSTEMS[database];
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TracedDriver(dialect.createDriver(), system),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
