import { PairInspect } from '@/components/pairs/pair-inspect';

export default async function PairPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PairInspect id={id} />;
}
