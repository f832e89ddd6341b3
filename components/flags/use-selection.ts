'use client';
import { useCallback, useRef, useState } from 'react';

/** A grid's selection: click toggles, shift-click selects the range from the last click, ctrl/cmd-click toggles too. */
export function useSelection() {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);

  const click = useCallback((id: number, e: { shiftKey: boolean }, order: number[]) => {
    setSelected((prev) => {
      const next = new Set(prev);
      const from = anchor.current === null ? -1 : order.indexOf(anchor.current);
      const to = order.indexOf(id);
      if (e.shiftKey && from >= 0 && to >= 0) {
        // A range takes the state of the anchor: extending a selection, never punching holes in it.
        const on = prev.has(anchor.current!);
        for (const x of order.slice(Math.min(from, to), Math.max(from, to) + 1)) if (on) next.add(x); else next.delete(x);
      } else if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    if (!e.shiftKey) anchor.current = id;
  }, []);

  const selectAll = useCallback((ids: number[]) => setSelected(new Set(ids)), []);
  const clear = useCallback(() => {
    setSelected(new Set());
    anchor.current = null;
  }, []);
  return { selected, click, selectAll, clear };
}
