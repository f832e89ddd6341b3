import { ConceptRulesView } from '@/components/admin/concept-rules-view';
import { RequireRole } from '@/components/auth/require-role';

export default function ConceptRulesPage() {
  return (
    <RequireRole role="admin">
      <ConceptRulesView />
    </RequireRole>
  );
}
