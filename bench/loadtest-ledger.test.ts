import { describe, expect, it } from 'vitest';
import { checkLedger, emptyLog, flagKey, type ClientLog, type DbEvent, type DbFlag } from './loadtest-ledger';

const who = { curator: 'cur', reviewer: 'rev' };

/** A run where pairs 1–3 were flagged, flag 11 (pair 1) confirmed and flag 12 (pair 2) rejected, all acknowledged. */
function cleanRun(): { log: ClientLog; flags: DbFlag[]; events: DbEvent[] } {
  const log = emptyLog();
  const flags: DbFlag[] = [];
  const events: DbEvent[] = [];
  for (const [i, pairId] of [1, 2, 3].entries()) {
    const id = 11 + i;
    log.flagsSent.add(flagKey(pairId, 'watermark'));
    log.flags.push({ pairId, reason: 'watermark', flagged: 1 });
    log.seen.push({ pairId, reason: 'watermark', flagId: id });
    flags.push({ id, pairId, reason: 'watermark', state: 'open', createdBy: 'cur', decidedBy: null });
    events.push({ action: 'flag.create', actor: 'cur', flagId: id });
  }
  for (const [id, decision] of [[11, 'confirm'], [12, 'reject']] as const) {
    log.decisionsSent.add(id);
    log.decisions.push({ flagId: id, decision, state: decision === 'confirm' ? 'confirmed' : 'rejected' });
    Object.assign(flags.find((f) => f.id === id)!, { state: decision === 'confirm' ? 'confirmed' : 'rejected', decidedBy: 'rev' });
    events.push({ action: `flag.${decision}`, actor: 'rev', flagId: id });
  }
  return { log, flags, events };
}

describe('checkLedger', () => {
  it('passes a run whose acknowledged flags and decisions are each stored once, and counts them', () => {
    const { log, flags, events } = cleanRun();
    expect(checkLedger(log, flags, events, who)).toEqual({
      acknowledgedFlags: 3, flagsInDb: 3, acknowledgedDecisions: 2, decisionsInDb: 2, unansweredFlags: 0, unansweredDecisions: 0, problems: [],
    });
  });

  it('finds an acknowledged flag that is missing, and one stored twice', () => {
    const { log, flags, events } = cleanRun();
    const missing = flags.filter((f) => f.id !== 13);
    const doubled = [...flags, { ...flags[2], id: 14 }];
    expect(checkLedger(log, missing, events.filter((e) => e.flagId !== 13), who).problems).toEqual(['flag 3:watermark: acknowledged, 0 rows in the database']);
    const p = checkLedger(log, doubled, [...events, { action: 'flag.create', actor: 'cur', flagId: 14 }], who).problems;
    expect(p).toContain('flag 3:watermark: acknowledged, 2 rows in the database');
  });

  it('finds a flag whose audit event is missing or doubled, and an event for a flag that is not there', () => {
    const { log, flags, events } = cleanRun();
    const noEvent = events.filter((e) => !(e.action === 'flag.create' && e.flagId === 12));
    expect(checkLedger(log, flags, noEvent, who).problems).toEqual(['flag 12: 0 flag.create audit events']);
    const twice = [...events, { action: 'flag.create', actor: 'cur', flagId: 12 }, { action: 'flag.create', actor: 'cur', flagId: 99 }];
    expect(checkLedger(log, flags, twice, who).problems).toEqual(['flag 12: 2 flag.create audit events', "flag.create event for flag 99, which is not the curator's"]);
  });

  it('finds a decision stored as the other one, by someone else, or recorded twice in the audit trail', () => {
    const { log, flags, events } = cleanRun();
    const wrong = flags.map((f) => (f.id === 11 ? { ...f, state: 'rejected' } : f.id === 12 ? { ...f, decidedBy: 'cur' } : f));
    expect(checkLedger(log, wrong, events, who).problems).toEqual([
      'decision on flag 11: acknowledged confirm, stored rejected by rev',
      'decision on flag 12: acknowledged reject, stored rejected by cur',
    ]);
    const again = [...events, { action: 'flag.reject', actor: 'rev', flagId: 11 }];
    expect(checkLedger(log, flags, again, who).problems).toEqual(['decision on flag 11: 2 decision events (flag.confirm, flag.reject), expected one flag.confirm']);
  });

  it('finds a decision in the database that no request asked for, and one acknowledged on a flag that is not there', () => {
    const { log, flags, events } = cleanRun();
    const extra = flags.map((f) => (f.id === 13 ? { ...f, state: 'confirmed', decidedBy: 'rev' } : f));
    expect(checkLedger(log, extra, [...events, { action: 'flag.confirm', actor: 'rev', flagId: 13 }], who).problems).toEqual([
      'flag 13: confirmed in the database, no acknowledged decision',
      'flag 13: 1 decision event(s) no request asked for',
    ]);
    log.decisions.push({ flagId: 77, decision: 'confirm', state: 'confirmed' });
    expect(checkLedger(log, flags, events, who).problems).toEqual(["decision on flag 77: acknowledged, the flag is not the curator's or not in the database"]);
  });

  it('counts a write whose request was cut off by the end of the run as unanswered, and an unsent one as a problem', () => {
    const { log, flags, events } = cleanRun();
    log.flagsSent.add(flagKey(4, 'hate'));
    log.decisionsSent.add(13);
    const more = [...flags.map((f) => (f.id === 13 ? { ...f, state: 'rejected', decidedBy: 'rev' } : f)), { id: 15, pairId: 4, reason: 'hate', state: 'open', createdBy: 'cur', decidedBy: null }];
    const moreEvents = [...events, { action: 'flag.create', actor: 'cur', flagId: 15 }, { action: 'flag.reject', actor: 'rev', flagId: 13 }];
    const r = checkLedger(log, more, moreEvents, who);
    expect(r).toMatchObject({ unansweredFlags: 1, unansweredDecisions: 1, flagsInDb: 4, decisionsInDb: 3, problems: [] });
    const stray = [...more, { id: 16, pairId: 5, reason: 'hate', state: 'open', createdBy: 'cur', decidedBy: null }];
    expect(checkLedger(log, stray, [...moreEvents, { action: 'flag.create', actor: 'cur', flagId: 16 }], who).problems).toEqual([
      'flag 5:hate: 1 row(s) in the database that no acknowledged request wrote',
    ]);
  });

  it('finds an answer that flagged nothing, a flag acknowledged twice, and a flag read under another id', () => {
    const { log, flags, events } = cleanRun();
    log.flags[0].flagged = 0;
    log.flags.push({ ...log.flags[1] });
    log.seen[2].flagId = 40;
    expect(checkLedger(log, flags, events, who).problems).toEqual([
      'flag 1:watermark: acknowledged with flagged = 0, not 1',
      'flag 2:watermark: acknowledged 2 times',
      'flag 3:watermark: read as 40, stored as 13',
    ]);
  });
});
