'use client';
import Link from 'next/link';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  message: string;
  href?: string;
  tone: 'info' | 'error';
}

const ToastContext = createContext<(t: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }) => void>(() => undefined);
let next = 0;

/** A short note after an action ("42 pairs flagged", "flagging in the background: job 7"), gone after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const show = useCallback((t: Omit<Toast, 'id' | 'tone'> & { tone?: Toast['tone'] }) => {
    const id = ++next;
    setToasts((all) => [...all.slice(-2), { ...t, id, tone: t.tone ?? 'info' }]);
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), 6_000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex flex-col gap-2">
        {toasts.map((t) => (
          <div key={t.id} data-testid="toast" role={t.tone === 'error' ? 'alert' : 'status'} className={`pointer-events-auto max-w-sm rounded-lg px-4 py-2 text-sm text-white shadow-lg ${t.tone === 'error' ? 'bg-red-700' : 'bg-neutral-900 dark:bg-neutral-700'}`}>
            {t.message}
            {t.href && (
              <Link href={t.href} className="ml-2 underline">
                Open
              </Link>
            )}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
