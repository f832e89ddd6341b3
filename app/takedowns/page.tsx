import { RequireRole } from '@/components/auth/require-role';
import { TakedownsView } from '@/components/takedowns/takedowns-view';

export default function TakedownsPage() {
  return (
    <RequireRole role="curator">
      <TakedownsView />
    </RequireRole>
  );
}
