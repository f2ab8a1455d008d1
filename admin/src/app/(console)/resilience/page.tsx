import { redirect } from 'next/navigation';
import { resiliencePath, resilienceServices } from '@/lib/resilience';

export default function ResiliencePage() {
  redirect(resiliencePath(resilienceServices[0]));
}
