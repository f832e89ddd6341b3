import type { PairSummary } from '@/lib/pairs/schemas';

interface Score {
  label: string;
  title: string;
  value: string;
}

function scoresOf(p: PairSummary): Score[] {
  const out: Score[] = [];
  const add = (label: string, title: string, v: number | null, digits: number) => {
    if (v !== null) out.push({ label, title, value: v.toFixed(digits) });
  };
  add('sim', 'CLIP image–text similarity', p.similarity, 2);
  add('unsafe', 'punsafe: probability the image is unsafe', p.punsafe, 2);
  add('wm', 'pwatermark: probability of a watermark', p.pwatermark, 2);
  add('aes', 'aesthetic score', p.aesthetic, 1);
  if (p.width !== null && p.height !== null) out.push({ label: 'size', title: 'width × height in pixels', value: `${p.width}×${p.height}` });
  return out;
}

export function PairScores({ pair }: { pair: PairSummary }) {
  const scores = scoresOf(pair);
  if (scores.length === 0) return null;
  return (
    <dl className="flex flex-wrap gap-1 text-[11px] tabular-nums">
      {scores.map((s) => (
        <div key={s.label} title={s.title} className="flex gap-1 rounded bg-neutral-100 px-1.5 py-0.5 dark:bg-neutral-800">
          <dt className="text-neutral-500 dark:text-neutral-400">{s.label}</dt>
          <dd className="font-medium">{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
