import { createBrowserRouter, Navigate } from 'react-router';
import { AcceptInvitationRoute, acceptInvitationLoader } from './routes/accept-invitation.tsx';
import { ApiKeysRoute, apiKeysLoader } from './routes/api-keys.tsx';
import { AppLayout, appLayoutLoader, shouldRevalidateAppLayout } from './routes/app-layout.tsx';
import { AuditLogRoute, auditLogLoader } from './routes/audit-log.tsx';
import { CloudDetailRoute, cloudDetailLoader } from './routes/clouds-detail.tsx';
import { CloudsRoute, cloudsLoader } from './routes/clouds.tsx';
import { LoginPage, loginLoader } from './routes/login.tsx';
import { MembersRoute, membersLoader } from './routes/members.tsx';
import { PageLoading } from './routes/page-loading.tsx';
import { NotFoundPage, RouteError } from './routes/route-error.tsx';
import { SettingsLayout } from './routes/settings-layout.tsx';
import { SetupPage, setupLoader } from './routes/setup.tsx';
import { WorkloadsRoute, workloadsLoader } from './routes/workloads.tsx';

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <PageLoading />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage />, loader: loginLoader, errorElement: <RouteError /> },
      { path: '/setup', element: <SetupPage />, loader: setupLoader, errorElement: <RouteError /> },
      {
        path: '/invitations/accept',
        element: <AcceptInvitationRoute />,
        loader: acceptInvitationLoader,
        errorElement: <RouteError />,
      },
      // Development builds only: Vite drops this branch, and the page with it, from production.
      ...(import.meta.env.DEV
        ? [
            {
              path: '/dev/mailbox',
              lazy: async () => ({ Component: (await import('./routes/dev-mailbox.tsx')).DevMailboxRoute }),
            },
          ]
        : []),
      {
        path: '/',
        element: <AppLayout />,
        loader: appLayoutLoader,
        shouldRevalidate: shouldRevalidateAppLayout,
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/settings/members" replace /> },
          {
            path: 'settings',
            element: <SettingsLayout />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Navigate to="/settings/members" replace /> },
              {
                path: 'members',
                element: <MembersRoute />,
                loader: membersLoader,
                errorElement: <RouteError />,
              },
              {
                path: 'api-keys',
                element: <ApiKeysRoute />,
                loader: apiKeysLoader,
                errorElement: <RouteError />,
              },
              {
                path: 'audit-log',
                element: <AuditLogRoute />,
                loader: auditLogLoader,
                errorElement: <RouteError />,
              },
            ],
          },
          {
            path: 'clouds',
            element: <CloudsRoute />,
            loader: cloudsLoader,
            errorElement: <RouteError />,
          },
          {
            path: 'clouds/:id',
            element: <CloudDetailRoute />,
            loader: cloudDetailLoader,
            errorElement: <RouteError />,
          },
          {
            path: 'workloads',
            element: <WorkloadsRoute />,
            loader: workloadsLoader,
            errorElement: <RouteError />,
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
