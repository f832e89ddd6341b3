import { OverviewView } from '@/components/datasets/overview-view';

// Dataset names are letters, digits, dot, dash and underscore; anything else reaches the API, which refuses it.
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default async function DatasetPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <OverviewView name={decoded(name)} />;
}
