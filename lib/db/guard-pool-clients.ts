// Keeps a connection that dies while checked out of the pool from crashing the process.
import type pg from 'pg';

/**
 * pg-pool takes its error listener off a client while it is checked out (db.tx holds one for a
 * whole ingest shard), so a server that goes away then emits an 'error' nobody listens to, which
 * Node turns into an uncaught exception and a stack dump. The statement in flight already rejects
 * with that error, and the pool drops the broken client on release, so the event can be ignored.
 */
export function guardPoolClients(pool: pg.Pool): void {
  pool.on('connect', (client) => client.on('error', () => undefined));
}
