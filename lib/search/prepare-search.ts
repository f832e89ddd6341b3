// The part of a search every use shares: parse the request, find the dataset (and the pair of "more like this"),
// plan the query (mode, query vector) and compile its filters.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { SqlParams } from '../db/sql-params';
import type { DatasetRecord } from '../datasets/schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { compileFilters } from './filters';
import { planQuery, type QueryPlan } from './plan-query';
import { SearchQuery, type SearchInput, type SearchQueryInput } from './schemas';
import { getPairVectors, type Scope } from './sql';

export interface PreparedSearch {
  input: SearchInput;
  dataset: DatasetRecord;
  plan: QueryPlan;
  scope: Scope;
}

/** `raw` is the request as sent (defaults not yet applied) plus an uploaded image. */
export async function prepareSearch(raw: SearchQueryInput & { image?: Uint8Array }, db: Db): Promise<PreparedSearch> {
  const { image, ...rest } = raw;
  const input: SearchInput = { ...SearchQuery.parse(rest), image };
  checkOneVectorQuery(input);
  const pair = input.pairId === undefined ? undefined : await getPairVectors(db, input.pairId);
  if (input.pairId !== undefined && !pair) throw new AppError('bad_request', `pairId: pair ${input.pairId} does not exist`);
  const dataset = await resolveDataset(db, { name: input.dataset, id: pair?.dataset_id });
  if (!dataset) throw new AppError('not_found', 'there is no dataset to search yet: ingest one with `npm run sieve -- ingest`');
  if (pair && dataset.id !== pair.dataset_id) throw new AppError('bad_request', `pairId: pair ${pair.id} is not in dataset "${dataset.name}"`);
  const plan = await planQuery(db, input, dataset, pair);
  const params = new SqlParams();
  const scope: Scope = { datasetId: dataset.id, where: compileFilters(input, params), params, vectorColumn: input.dedupe ? plan.column : undefined, graphRows: dataset.rows };
  return { input, dataset, plan, scope };
}

function checkOneVectorQuery(input: SearchInput): void {
  const given = (['text', 'image', 'imageUrl', 'pairId', 'embedding'] as const).filter((k) => input[k] !== undefined);
  if (given.length > 1) {
    throw new AppError('bad_request', `search by one of text, image, imageUrl, pairId or embedding at a time (got ${given.join(' and ')}); add keyword for a hybrid search`);
  }
}
