// The load test's exactly-once check: what the clients were told (every 2xx flag and decision, from the response
// bodies) against what the database holds afterwards (flags and their audit events). Pure, so it is unit-tested.

export type Decision = 'confirm' | 'reject';

/** What the clients sent and what was acknowledged, keyed so a second acknowledgement of the same thing shows. */
export interface ClientLog {
  /** `pairId:reason` of every flag request sent (answered or not: one cut off at the end may have committed). */
  flagsSent: Set<string>;
  /** A 2xx answer to POST /api/flags for one pair: `flagged` is how many flags it says it wrote. */
  flags: { pairId: number; reason: string; flagged: number }[];
  /** The flag id the reviewer then read on the pair (GET /api/pairs/:id/flags). */
  seen: { pairId: number; reason: string; flagId: number }[];
  /** Flag ids of every decision sent. */
  decisionsSent: Set<number>;
  /** A 2xx answer to POST /api/flags/:id/decision, with the state the answer says the flag is now in. */
  decisions: { flagId: number; decision: Decision; state: string }[];
}

export interface DbFlag { id: number; pairId: number; reason: string; state: string; createdBy: string | null; decidedBy: string | null }
export interface DbEvent { action: string; actor: string | null; flagId: number }

export interface LedgerReport {
  acknowledgedFlags: number;
  flagsInDb: number;
  acknowledgedDecisions: number;
  decisionsInDb: number;
  /** Written by a request the run cut off before its answer: in the database, never acknowledged, not an error. */
  unansweredFlags: number;
  unansweredDecisions: number;
  /** Every discrepancy, in words; empty when each acknowledged write is in the database exactly once. */
  problems: string[];
}

export function emptyLog(): ClientLog {
  return { flagsSent: new Set(), flags: [], seen: [], decisionsSent: new Set(), decisions: [] };
}

export const flagKey = (pairId: number, reason: string) => `${pairId}:${reason}`;
const STATE_OF: Record<Decision, string> = { confirm: 'confirmed', reject: 'rejected' };

function countBy<T>(xs: T[], key: (x: T) => string | number): Map<string | number, number> {
  const m = new Map<string | number, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

/**
 * `flags` are the flags the curator of the run created (created_by), `events` the flag.create events of the curator
 * and the flag.confirm / flag.reject events of the reviewer, each with the flag id from its details.
 */
export function checkLedger(log: ClientLog, flags: DbFlag[], events: DbEvent[], who: { curator: string; reviewer: string }): LedgerReport {
  const problems: string[] = [];
  const say = (m: string) => problems.length < 50 && problems.push(m);

  // Flags: one row per acknowledged (pair, reason), none unexplained, one flag.create event each.
  const rowsByKey = new Map<string, DbFlag[]>();
  for (const f of flags) rowsByKey.set(flagKey(f.pairId, f.reason), [...(rowsByKey.get(flagKey(f.pairId, f.reason)) ?? []), f]);
  const acked = countBy(log.flags, (a) => flagKey(a.pairId, a.reason));
  for (const a of log.flags) {
    const key = flagKey(a.pairId, a.reason);
    if (a.flagged !== 1) say(`flag ${key}: acknowledged with flagged = ${a.flagged}, not 1`);
    const rows = rowsByKey.get(key) ?? [];
    if (rows.length !== 1) say(`flag ${key}: acknowledged, ${rows.length} rows in the database`);
  }
  for (const [key, n] of acked) if (n > 1) say(`flag ${key}: acknowledged ${n} times`);
  let unansweredFlags = 0;
  for (const [key, rows] of rowsByKey) {
    if (acked.has(key)) continue;
    if (log.flagsSent.has(key) && rows.length === 1) unansweredFlags++;
    else say(`flag ${key}: ${rows.length} row(s) in the database that no acknowledged request wrote`);
  }
  const createEvents = countBy(events.filter((e) => e.action === 'flag.create'), (e) => e.flagId);
  for (const f of flags) {
    const n = createEvents.get(f.id) ?? 0;
    if (n !== 1) say(`flag ${f.id}: ${n} flag.create audit events`);
  }
  for (const e of events) if (e.action === 'flag.create' && e.actor !== who.curator) say(`flag ${e.flagId}: flag.create by ${e.actor}, not the curator`);
  const flagIds = new Set(flags.map((f) => f.id));
  for (const id of createEvents.keys()) if (!flagIds.has(Number(id))) say(`flag.create event for flag ${id}, which is not the curator's`);
  for (const s of log.seen) {
    const rows = rowsByKey.get(flagKey(s.pairId, s.reason)) ?? [];
    if (rows.length === 1 && rows[0].id !== s.flagId) say(`flag ${flagKey(s.pairId, s.reason)}: read as ${s.flagId}, stored as ${rows[0].id}`);
  }

  // Decisions: the acknowledged one stands on the flag, by the reviewer, with exactly one event of its kind.
  const byId = new Map(flags.map((f) => [f.id, f]));
  const decisionEvents = events.filter((e) => e.action === 'flag.confirm' || e.action === 'flag.reject');
  const eventsByFlag = new Map<number, DbEvent[]>();
  for (const e of decisionEvents) eventsByFlag.set(e.flagId, [...(eventsByFlag.get(e.flagId) ?? []), e]);
  const decided = countBy(log.decisions, (d) => d.flagId);
  for (const d of log.decisions) {
    const want = STATE_OF[d.decision];
    if (d.state !== want) say(`decision on flag ${d.flagId}: answered state ${d.state}, not ${want}`);
    const f = byId.get(d.flagId);
    if (!f) {
      say(`decision on flag ${d.flagId}: acknowledged, the flag is not the curator's or not in the database`);
      continue;
    }
    if (f.state !== want || f.decidedBy !== who.reviewer) say(`decision on flag ${d.flagId}: acknowledged ${d.decision}, stored ${f.state} by ${f.decidedBy}`);
    const evs = eventsByFlag.get(d.flagId) ?? [];
    if (evs.length !== 1 || evs[0].action !== `flag.${d.decision}` || evs[0].actor !== who.reviewer) {
      say(`decision on flag ${d.flagId}: ${evs.length} decision events (${evs.map((e) => e.action).join(', ') || 'none'}), expected one flag.${d.decision}`);
    }
  }
  for (const [id, n] of decided) if (n > 1) say(`decision on flag ${id}: acknowledged ${n} times`);
  const decidedRows = flags.filter((f) => f.state !== 'open');
  let unansweredDecisions = 0;
  for (const f of decidedRows) {
    if (decided.has(f.id)) continue;
    if (log.decisionsSent.has(f.id) && (eventsByFlag.get(f.id) ?? []).length === 1) unansweredDecisions++;
    else say(`flag ${f.id}: ${f.state} in the database, no acknowledged decision`);
  }
  for (const [id, evs] of eventsByFlag) if (!decided.has(id) && !log.decisionsSent.has(id)) say(`flag ${id}: ${evs.length} decision event(s) no request asked for`);

  return {
    acknowledgedFlags: log.flags.length,
    flagsInDb: flags.length,
    acknowledgedDecisions: log.decisions.length,
    decisionsInDb: decidedRows.length,
    unansweredFlags,
    unansweredDecisions,
    problems,
  };
}
