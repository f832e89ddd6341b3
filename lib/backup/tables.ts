// What a backup holds: the irreplaceable tables, in the order a restore writes them, with each column's type and the
// keys an existing row is recognised by. Pairs, vectors, datasets and jobs are not here: they come back by ingesting
// the same source files again, so a row that names a pair names it portably (dataset, shard fingerprint, row).
export type ColumnType = 'text' | 'int' | 'bigint' | 'bool' | 'real' | 'ts' | 'date' | 'json';

export interface BackupTable {
  name: BackupTableName;
  /** Columns copied as they are (pair_id and dataset_id are not among them: see `pairRef` and `datasetRef`). */
  columns: Record<string, ColumnType>;
  /** The primary key first, then other unique keys: a row already present under any of them is compared, not added. */
  keys: string[][];
  /** Holds pair_id: written as { dataset, source_id, source_row }, which survives a re-ingest of the same files. */
  pairRef?: true;
  /** Holds dataset_id: written as the dataset's name (ids are handed out again by a fresh ingest). */
  datasetRef?: true;
  /** A serial column: after a restore its sequence moves past the restored ids. */
  serial?: string;
  /** Columns added after backups of this table were first written: a file from before them is read with them null. */
  later?: readonly string[];
}

export const BACKUP_TABLE_NAMES = [
  'users', 'accounts', 'api_tokens', 'concept_rules', 'block_lists', 'block_list_entries', 'takedowns', 'takedown_items',
  'exports', 'audit_events', 'flags', 'takedown_matches',
] as const;
export type BackupTableName = (typeof BACKUP_TABLE_NAMES)[number];

const t = (x: BackupTable) => x;

// Order matters twice: a row comes after the rows it refers to, and on Citus the reference and coordinator tables are
// written before the sharded ones (flags, takedown_matches) in the restore's one transaction.
export const BACKUP_TABLES: readonly BackupTable[] = [
  t({
    name: 'users', keys: [['id'], ['email']],
    columns: { id: 'text', name: 'text', email: 'text', email_verified: 'bool', image: 'text', role: 'text', disabled: 'bool', created_at: 'ts', updated_at: 'ts' },
  }),
  // The credential rows hold the scrypt password hashes: a restored user signs in with the same password.
  t({
    name: 'accounts', keys: [['id']],
    columns: {
      id: 'text', account_id: 'text', provider_id: 'text', user_id: 'text', access_token: 'text', refresh_token: 'text', id_token: 'text',
      access_token_expires_at: 'ts', refresh_token_expires_at: 'ts', scope: 'text', password: 'text', created_at: 'ts', updated_at: 'ts',
    },
  }),
  t({
    name: 'api_tokens', keys: [['id'], ['token_hash']], serial: 'id',
    columns: {
      id: 'bigint', user_id: 'text', name: 'text', token_hash: 'text', prefix: 'text', role: 'text', created_at: 'ts', expires_at: 'ts',
      last_used_at: 'ts', revoked_at: 'ts',
    },
  }),
  t({
    name: 'concept_rules', keys: [['id'], ['name']], serial: 'id',
    columns: { id: 'int', name: 'text', prompt: 'text', threshold: 'real', reason: 'text', enabled: 'bool', created_by: 'text', created_at: 'ts' },
  }),
  t({
    name: 'block_lists', keys: [['id'], ['name']], serial: 'id',
    columns: { id: 'int', name: 'text', reason: 'text', source: 'text', authority: 'text', created_by: 'text', updated_by: 'text', created_at: 'ts', updated_at: 'ts' },
    later: ['authority', 'updated_by'],
  }),
  t({ name: 'block_list_entries', keys: [['list_id', 'kind', 'value']], columns: { list_id: 'int', kind: 'text', value: 'text' } }),
  t({
    name: 'takedowns', keys: [['id'], ['token_hash']], serial: 'id',
    columns: {
      id: 'bigint', kind: 'text', requester: 'text', contact: 'text', statement: 'text', received_on: 'date', due_on: 'date', state: 'text',
      reject_reason: 'text', token_hash: 'text', submitted_ip: 'text', created_by: 'text', created_at: 'ts', updated_at: 'ts', closed_at: 'ts',
    },
  }),
  // image_path names an evidence file under the data folder: the path is kept, the file is not in the backup.
  t({
    name: 'takedown_items', keys: [['id']], serial: 'id',
    columns: { id: 'bigint', takedown_id: 'bigint', kind: 'text', value: 'text', image_path: 'text', threshold: 'real', created_at: 'ts' },
  }),
  // job_id and folder are kept as they were: the jobs table and the exported files are not part of a backup.
  t({
    name: 'exports', keys: [['id']], serial: 'id', datasetRef: true,
    columns: {
      id: 'bigint', job_id: 'bigint', state: 'text', format: 'text', request: 'json', rows: 'bigint', bytes: 'bigint', folder: 'text',
      manifest: 'json', error: 'text', created_by: 'text', created_at: 'ts', finished_at: 'ts',
    },
  }),
  // Events keep their ids, times and wording: subjects and details name pairs by the ids they had when it happened.
  t({
    name: 'audit_events', keys: [['id']], serial: 'id', datasetRef: true,
    columns: { id: 'bigint', at: 'ts', actor: 'text', action: 'text', subject: 'text', details: 'json', ip: 'text' },
  }),
  t({
    name: 'flags', keys: [['id'], ['pair_id', 'reason', 'origin']], serial: 'id', pairRef: true,
    columns: {
      id: 'bigint', reason: 'text', note: 'text', state: 'text', origin: 'text', created_by: 'text', created_at: 'ts', decided_by: 'text',
      decided_at: 'ts', job_id: 'bigint', takedown_id: 'bigint', block_list_id: 'int',
    },
  }),
  t({
    name: 'takedown_matches', keys: [['item_id', 'pair_id']], pairRef: true,
    columns: { item_id: 'bigint', takedown_id: 'bigint', similarity: 'real', excluded: 'bool' },
  }),
];

export const backupTable = (name: BackupTableName): BackupTable => BACKUP_TABLES.find((x) => x.name === name)!;

/** Every column of the table's own rows: the copied ones plus the id columns a backup writes by reference. */
export const dbColumns = (spec: BackupTable): string[] => [
  ...Object.keys(spec.columns),
  ...(spec.pairRef ? ['pair_id'] : []),
  ...(spec.datasetRef ? ['dataset_id'] : []),
];
