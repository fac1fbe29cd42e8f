import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout, appLayoutLoader } from './routes/app-layout.tsx';
import { LoginPage, loginLoader } from './routes/login.tsx';
import { MembersRoute, membersLoader } from './routes/members.tsx';
import { PageLoading } from './routes/page-loading.tsx';
import { PlaceholderPage } from './routes/placeholder.tsx';
import { NotFoundPage, RouteError } from './routes/route-error.tsx';
import { SettingsLayout } from './routes/settings-layout.tsx';
import { SetupPage, setupLoader } from './routes/setup.tsx';

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <PageLoading />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage />, loader: loginLoader, errorElement: <RouteError /> },
      { path: '/setup', element: <SetupPage />, loader: setupLoader, errorElement: <RouteError /> },
      {
        path: '/',
        element: <AppLayout />,
        loader: appLayoutLoader,
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
            ],
          },
          {
            path: 'clouds',
            element: (
              <PlaceholderPage
                title="Clouds"
                description="Clouds registered by your organization will appear here."
              />
            ),
          },
          {
            path: 'workloads',
            element: (
              <PlaceholderPage
                title="Workloads"
                description="Workspaces, jobs and services on your clouds will appear here."
              />
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
