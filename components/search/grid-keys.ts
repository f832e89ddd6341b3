// Arrow keys move focus between the cards of a grid; Enter opens the focused card.
import type { KeyboardEvent } from 'react';

const CARD = '[data-testid="pair-card"]';

// Columns come from the layout itself (auto-fill changes them with the width): cards sharing the first card's top.
function columnsOf(cards: HTMLElement[]): number {
  const top = cards[0].getBoundingClientRect().top;
  const inFirstRow = cards.findIndex((c) => Math.abs(c.getBoundingClientRect().top - top) > 1);
  return inFirstRow < 0 ? cards.length : Math.max(inFirstRow, 1);
}

function targetIndex(key: string, i: number, count: number, cols: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return i - 1;
    case 'ArrowRight':
      return i + 1;
    case 'ArrowUp':
      return i - cols;
    case 'ArrowDown':
      // From the row above a short last row, go to the last card rather than nowhere.
      return i + cols < count ? i + cols : Math.floor(i / cols) < Math.floor((count - 1) / cols) ? count - 1 : null;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function handleGridKeys(e: KeyboardEvent<HTMLElement>, open: (pairId: number) => void) {
  const card = e.target as HTMLElement;
  // Keys on a card's own buttons and links keep their usual meaning.
  if (!card.matches(CARD) || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'Enter') {
    e.preventDefault();
    open(Number(card.dataset.pairId));
    return;
  }
  const cards = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(CARD));
  const next = targetIndex(e.key, cards.indexOf(card), cards.length, columnsOf(cards));
  if (next === null) return;
  e.preventDefault();
  cards[Math.min(Math.max(next, 0), cards.length - 1)].focus();
}
