import { OptOutStatusView } from '@/components/takedowns/opt-out-status';

export default async function OptOutStatusPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <OptOutStatusView token={token} />;
}
