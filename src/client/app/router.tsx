import { createBrowserRouter, Navigate } from 'react-router';

// Members (where signed-in people land) loads with the app; every other page,
// sign-in included, is its own chunk, fetched on first visit together with its data.
import { AppLayout, appLayoutLoader, shouldRevalidateAppLayout } from './routes/app-layout.tsx';
import { MembersRoute, membersLoader } from './routes/members.tsx';
import { PageLoading } from './routes/page-loading.tsx';
import { NotFoundPage, RouteError } from './routes/route-error.tsx';
import { SettingsLayout } from './routes/settings-layout.tsx';

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <PageLoading />,
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        lazy: () =>
          import('./routes/login.tsx').then((m) => ({ Component: m.LoginPage, loader: m.loginLoader })),
        errorElement: <RouteError />,
      },
      {
        path: '/setup',
        lazy: () =>
          import('./routes/setup.tsx').then((m) => ({ Component: m.SetupPage, loader: m.setupLoader })),
        errorElement: <RouteError />,
      },
      {
        path: '/invitations/accept',
        lazy: () =>
          import('./routes/accept-invitation.tsx').then((m) => ({
            Component: m.AcceptInvitationRoute,
            loader: m.acceptInvitationLoader,
          })),
        errorElement: <RouteError />,
      },
      {
        path: '/forgot-password',
        lazy: () => import('./routes/forgot-password.tsx').then((m) => ({ Component: m.ForgotPasswordPage })),
        errorElement: <RouteError />,
      },
      {
        path: '/reset-password',
        lazy: () => import('./routes/reset-password.tsx').then((m) => ({ Component: m.ResetPasswordRoute })),
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
                path: 'members/:id',
                lazy: () =>
                  import('./routes/member-detail.tsx').then((m) => ({
                    Component: m.MemberDetailRoute,
                    loader: m.memberDetailLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'invitations',
                lazy: () =>
                  import('./routes/invitations.tsx').then((m) => ({
                    Component: m.InvitationsRoute,
                    loader: m.invitationsLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'groups',
                lazy: () =>
                  import('./routes/groups.tsx').then((m) => ({
                    Component: m.GroupsRoute,
                    loader: m.groupsLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'groups/:id',
                lazy: () =>
                  import('./routes/group-detail.tsx').then((m) => ({
                    Component: m.GroupDetailRoute,
                    loader: m.groupDetailLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'service-accounts',
                lazy: () =>
                  import('./routes/service-accounts.tsx').then((m) => ({
                    Component: m.ServiceAccountsRoute,
                    loader: m.serviceAccountsLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'directory-sync',
                lazy: () =>
                  import('./routes/directory-sync.tsx').then((m) => ({
                    Component: m.DirectorySyncRoute,
                    loader: m.directorySyncLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'single-sign-on',
                lazy: () =>
                  import('./routes/single-sign-on.tsx').then((m) => ({
                    Component: m.SingleSignOnRoute,
                    loader: m.singleSignOnLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'api-keys',
                lazy: () =>
                  import('./routes/api-keys.tsx').then((m) => ({
                    Component: m.ApiKeysRoute,
                    loader: m.apiKeysLoader,
                  })),
                errorElement: <RouteError />,
              },
              {
                path: 'audit-log',
                lazy: () =>
                  import('./routes/audit-log.tsx').then((m) => ({
                    Component: m.AuditLogRoute,
                    loader: m.auditLogLoader,
                  })),
                errorElement: <RouteError />,
              },
            ],
          },
          {
            path: 'account/security',
            lazy: () =>
              import('./routes/security.tsx').then((m) => ({
                Component: m.SecurityRoute,
                loader: m.securityLoader,
              })),
            errorElement: <RouteError />,
          },
          {
            path: 'clouds',
            lazy: () =>
              import('./routes/clouds.tsx').then((m) => ({
                Component: m.CloudsRoute,
                loader: m.cloudsLoader,
              })),
            errorElement: <RouteError />,
          },
          {
            path: 'clouds/:id',
            lazy: () =>
              import('./routes/clouds-detail.tsx').then((m) => ({
                Component: m.CloudDetailRoute,
                loader: m.cloudDetailLoader,
              })),
            errorElement: <RouteError />,
          },
          {
            path: 'clouds/:id/access-report',
            lazy: () =>
              import('./routes/cloud-access-report.tsx').then((m) => ({
                Component: m.CloudAccessReportRoute,
                loader: m.cloudAccessReportLoader,
              })),
            errorElement: <RouteError />,
          },
          {
            path: 'workloads',
            lazy: () =>
              import('./routes/workloads.tsx').then((m) => ({
                Component: m.WorkloadsRoute,
                loader: m.workloadsLoader,
              })),
            errorElement: <RouteError />,
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
