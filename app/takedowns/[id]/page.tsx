import { RequireRole } from '@/components/auth/require-role';
import { TakedownDetailView } from '@/components/takedowns/takedown-detail';

export default async function TakedownPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <RequireRole role="curator">
      <TakedownDetailView id={Number(id)} />
    </RequireRole>
  );
}
