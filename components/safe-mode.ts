'use client';
// Safe mode (blur unsafe images until clicked) is on unless this browser turned it off.
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'sieve.safeMode';
const listeners = new Set<() => void>();
// Where the choice lives when the browser blocks storage: it then lasts until reload.
let unstored = true;

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab switching safe mode off should blur or unblur this one too.
  const onStorage = (e: StorageEvent) => e.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== 'off';
  } catch {
    return unstored;
  }
}

export function useSafeMode(): [boolean, (on: boolean) => void] {
  // The server cannot see localStorage, so it renders the safe default and the browser corrects it.
  const on = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((next: boolean) => {
    unstored = next;
    try {
      window.localStorage.setItem(KEY, next ? 'on' : 'off');
    } catch {
      // storage blocked: read() falls back to unstored
    }
    listeners.forEach((l) => l());
  }, []);
  return [on, set];
}
