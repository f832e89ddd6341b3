import { RequireRole } from '@/components/auth/require-role';
import { BlockListsView } from '@/components/takedowns/block-lists-view';

export default function BlockListsPage() {
  return (
    <RequireRole role="curator">
      <BlockListsView />
    </RequireRole>
  );
}
