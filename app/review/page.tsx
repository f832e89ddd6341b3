import { RequireRole } from '@/components/auth/require-role';
import { ReviewView } from '@/components/review/review-view';

export default function ReviewPage() {
  return (
    <RequireRole role="reviewer">
      <ReviewView />
    </RequireRole>
  );
}
