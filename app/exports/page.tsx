import { RequireRole } from '@/components/auth/require-role';
import { ExportsView } from '@/components/exports/exports-view';

export default function ExportsPage() {
  return (
    <RequireRole role="curator">
      <ExportsView />
    </RequireRole>
  );
}
