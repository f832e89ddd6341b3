'use client';
// Dropping an image anywhere on the page, or pasting one (Ctrl+V), makes it the query.
import { useEffect, useRef, useState } from 'react';
import { fileOf } from './image-file';

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

/** Listens on the whole window; returns whether files are being dragged over the page (for a drop hint). */
export function usePageImageInput(onFile: (file: File) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(onFile);
  useEffect(() => {
    latest.current = onFile;
  });

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them to know when the drag left the window.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    // Without this the browser would refuse the drop, or open the file in place of the app.
    const over = (e: DragEvent) => carriesFiles(e) && e.preventDefault();
    const drop = (e: DragEvent) => {
      depth = 0;
      setDragging(false);
      if (e.defaultPrevented) return; // the drop zone took it
      const file = fileOf(e.dataTransfer, false);
      if (!file) return;
      e.preventDefault();
      latest.current(file);
    };
    const paste = (e: ClipboardEvent) => {
      const file = fileOf(e.clipboardData, true);
      if (!file) return;
      e.preventDefault();
      latest.current(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    window.addEventListener('paste', paste);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
      window.removeEventListener('paste', paste);
    };
  }, []);
  return dragging;
}
