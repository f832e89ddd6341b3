// The part of a search every use shares: find the dataset (and the pair of "more like this"), plan the query (mode,
// query vector) and compile its filters. The request arrives parsed: its edge (the route, the CLI, clip-retrieval's
// adapter) parsed it, once.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { SqlParams } from '../db/sql-params';
import type { DatasetRecord } from '../datasets/schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { compileFilters } from './filters';
import { planQuery, type QueryPlan } from './plan-query';
import type { SearchFilters, SearchInput } from './schemas';
import { getPairVectors, type Scope } from './sql';

export interface PreparedSearch {
  input: SearchInput;
  dataset: DatasetRecord;
  plan: QueryPlan;
  scope: Scope;
}

/** `input` is the parsed request (defaults applied) plus an uploaded image. */
export async function prepareSearch(input: SearchInput, db: Db): Promise<PreparedSearch> {
  checkOneVectorQuery(input);
  const pair = input.pairId === undefined ? undefined : await getPairVectors(db, input.pairId);
  if (input.pairId !== undefined && !pair) throw new AppError('bad_request', `pairId: pair ${input.pairId} does not exist`);
  const dataset = await resolveDataset(db, { name: input.dataset, id: pair?.dataset_id });
  if (!dataset) throw new AppError('not_found', 'there is no dataset to search yet: ingest one with `npm run sieve -- ingest`');
  if (pair && dataset.id !== pair.dataset_id) throw new AppError('bad_request', `pairId: pair ${pair.id} is not in dataset "${dataset.name}"`);
  const plan = await planQuery(db, input, dataset, pair);
  return { input, dataset, plan, scope: scopeOf(dataset, input, input.dedupe ? plan.column : undefined) };
}

/** The dataset and filters a search ranks within; with `vectorColumn`, its rows carry that vector (for dedupe). */
export function scopeOf(dataset: DatasetRecord, filters: Partial<SearchFilters>, vectorColumn?: QueryPlan['column']): Scope {
  const params = new SqlParams();
  return { datasetId: dataset.id, where: compileFilters(filters, params), params, vectorColumn, graphRows: dataset.rows };
}

function checkOneVectorQuery(input: SearchInput): void {
  const given = (['text', 'image', 'imageUrl', 'pairId', 'embedding'] as const).filter((k) => input[k] !== undefined);
  if (given.length > 1) {
    throw new AppError('bad_request', `search by one of text, image, imageUrl, pairId or embedding at a time (got ${given.join(' and ')}); add keyword for a hybrid search`);
  }
}
