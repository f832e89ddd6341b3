// The embedded database: PGlite (Postgres in WASM) with pgvector, served on a loopback port.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AppError } from '../errors/app-error';
import type { DbConfig } from './config';

export interface EmbeddedDatabase {
  config: DbConfig;
  port: number;
  close(): Promise<void>;
}

/**
 * Opens (or creates) the PGlite data folder and serves it to `pg` clients on 127.0.0.1.
 * PGlite is a single session: every client shares it, so callers keep to one connection.
 */
export async function startEmbedded(opts: { dataDir?: string; port?: number } = {}): Promise<EmbeddedDatabase> {
  if (opts.dataDir) fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  const db = await PGlite.create(opts.dataDir ?? 'memory://', { extensions: { vector } }).catch((err: unknown) => {
    throw new AppError('unavailable', `cannot open the embedded database at ${opts.dataDir}: ${String(err)}`);
  });
  // More than one socket may connect (the app and a CLI), but the multiplexer hands
  // a transaction's session to the connection that opened it until it ends.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: opts.port ?? 0, maxConnections: 8 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    port,
    config: { kind: 'embedded', url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable` },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
