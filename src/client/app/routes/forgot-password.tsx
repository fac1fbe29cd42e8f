import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form.tsx';
import { AuthCard } from './auth-card.tsx';

/** /forgot-password, linked from sign-in. */
export function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      description="We mail a link to choose a new password to the address you sign in with."
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
