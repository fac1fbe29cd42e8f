import { redirect, useNavigate } from 'react-router';
import { authQueries } from '../../features/auth/api/auth-queries.ts';
import { SetupForm } from '../../features/auth/components/setup-form.tsx';
import { queryClient } from '../query.ts';
import { AuthCard } from './auth-card.tsx';

export async function setupLoader() {
  const status = await queryClient.fetchQuery({ ...authQueries.setupStatus(), staleTime: 0 });
  if (!status.setup_required) return redirect('/login');
  return null;
}

export function SetupPage() {
  const navigate = useNavigate();
  return (
    <AuthCard
      title="Set up Roster"
      description="Create your organization. You will be its first owner and can invite your team next."
    >
      <SetupForm onDone={() => navigate('/settings/members', { replace: true })} />
    </AuthCard>
  );
}
