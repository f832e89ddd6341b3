import { OptOutForm } from '@/components/takedowns/opt-out-form';

export default function OptOutPage() {
  return <OptOutForm />;
}
