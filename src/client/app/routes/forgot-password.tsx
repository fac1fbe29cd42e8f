import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form.tsx';
import { AuthCard } from './auth-card.tsx';

/** /forgot-password, linked from sign-in. */
export function ForgotPasswordPage() {
  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter your email address and we will send you a link to choose a new one."
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
