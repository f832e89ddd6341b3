import { AccountView } from '@/components/account/account-view';
import { RequireRole } from '@/components/auth/require-role';

export default function AccountPage() {
  return (
    <RequireRole role="viewer">
      <AccountView />
    </RequireRole>
  );
}
