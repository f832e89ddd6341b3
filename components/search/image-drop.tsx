'use client';
import { useState, type DragEvent } from 'react';
import { fileOf, IMAGE_TYPES } from './image-file';

interface ImageDropProps {
  onFile: (file: File) => void;
  /** Files are being dragged somewhere over the page: invite the drop. */
  pageDragging: boolean;
}

/** A drop target and a file picker for an image query (dropping anywhere on the page works too). */
export function ImageDrop({ onFile, pageDragging }: ImageDropProps) {
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    // preventDefault also tells the page-wide listener that this drop is taken.
    e.preventDefault();
    setOver(false);
    const file = fileOf(e.dataTransfer, false);
    if (file) onFile(file);
  };
  const frame = over
    ? 'border-sky-500 bg-sky-50 dark:bg-sky-950/40'
    : pageDragging
      ? 'border-sky-400 bg-white dark:bg-neutral-900'
      : 'border-neutral-300 bg-white dark:border-neutral-700 dark:bg-neutral-900';
  return (
    <div
      data-testid="image-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      className={`flex flex-wrap items-center gap-2 rounded-md border border-dashed px-3 py-1.5 text-sm text-neutral-600 transition-colors dark:text-neutral-400 ${frame}`}
    >
      <span>{pageDragging ? 'Drop the image to search with it' : 'Drop or paste an image, or'}</span>
      <label className="cursor-pointer rounded border border-neutral-300 px-2 py-0.5 text-neutral-800 hover:bg-neutral-100 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 dark:border-neutral-700 dark:text-neutral-200 dark:hover:bg-neutral-800">
        choose a file
        <input
          type="file"
          accept={IMAGE_TYPES.join(',')}
          data-testid="image-file-input"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so that picking the same file again (after removing it) still fires a change.
            e.target.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
    </div>
  );
}
