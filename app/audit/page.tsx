import { Suspense } from 'react';
import { AuditView } from '@/components/audit/audit-view';
import { RequireRole } from '@/components/auth/require-role';

export default function AuditPage() {
  return (
    <RequireRole role="reviewer">
      <Suspense>
        <AuditView />
      </Suspense>
    </RequireRole>
  );
}
