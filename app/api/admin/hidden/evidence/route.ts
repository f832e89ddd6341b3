import { apiRoute } from '@/lib/api/api-route';
import { getDb } from '@/lib/db/get-db';
import { HiddenEvidenceQuery } from '@/lib/evidence/schemas';
import { getHiddenEvidence } from '@/lib/evidence/get-hidden-evidence';

// The evidence file for a hotline report, URLs included (admins only; each download is an audit event). A POST, not
// a GET: it records that it was written, and no other site may make an admin's browser fetch it.
export const POST = apiRoute({ auth: 'admin', body: HiddenEvidenceQuery }, async ({ actor, body }) => {
  const e = await getHiddenEvidence(getDb(), actor, body);
  return new Response(e.body, { headers: { 'content-type': e.type, 'content-disposition': `attachment; filename="${e.filename}"`, 'cache-control': 'no-store' } });
});
