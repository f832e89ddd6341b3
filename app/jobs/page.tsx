import { RequireRole } from '@/components/auth/require-role';
import { JobsView } from '@/components/jobs/jobs-view';

export default function JobsPage() {
  return (
    <RequireRole role="viewer">
      <JobsView />
    </RequireRole>
  );
}
