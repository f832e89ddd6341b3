import { UsersView } from '@/components/admin/users-view';
import { RequireRole } from '@/components/auth/require-role';

export default function UsersPage() {
  return (
    <RequireRole role="admin">
      <UsersView />
    </RequireRole>
  );
}
