// Which HTTP servers this process answers on and how many requests are in flight, read from Node's diagnostics
// channels: `next start` keeps its server to itself, and a graceful shutdown needs both.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Server, ServerResponse } from 'node:http';

export interface RequestTracker {
  /** Every server seen answering a request (the process's one Next.js server, once a first request came). */
  servers: Set<Server>;
  inFlight(): number;
  /** Resolves once no request is in flight. */
  drained(): Promise<void>;
  stop(): void;
}

const START = 'http.server.request.start';

export function trackRequests(): RequestTracker {
  const servers = new Set<Server>();
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const onStart = (message: unknown) => {
    const { server, response } = message as { server: Server; response: ServerResponse };
    servers.add(server);
    inFlight++;
    // 'close' comes after the last byte is sent and also when the client hangs up first; 'finish' would miss that.
    response.once('close', () => {
      inFlight--;
      if (inFlight > 0) return;
      for (const w of waiters) w();
      waiters = [];
    });
  };
  subscribe(START, onStart);
  return {
    servers,
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    stop: () => void unsubscribe(START, onStart),
  };
}
