import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from './auth/use-session';
import { Layout, PublicLayout } from './components/layout';

/** Each screen is its own chunk: the first load carries only the shell and the screen it opens. */
const page = (load: () => Promise<{ default: ComponentType }>) => {
  const Screen = lazy(load);
  return <Screen />;
};

/** Screens that need a session send a signed-out visitor to sign in, and back afterwards. */
function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}

export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/sign-in', element: page(() => import('./pages/sign-in')) },
      { path: '/sign-up', element: page(() => import('./pages/sign-up')) },
      { path: '/confirm', element: page(() => import('./pages/confirm')) },
      { path: '/forgot-password', element: page(() => import('./pages/forgot-password')) },
    ],
  },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { path: '/', element: page(() => import('./pages/dashboard')) },
          { path: '/transactions', element: page(() => import('./pages/transactions')) },
          { path: '/import', element: page(() => import('./pages/import')) },
          { path: '/accounts', element: page(() => import('./pages/accounts')) },
          { path: '/categories', element: page(() => import('./pages/categories')) },
          { path: '/rules', element: page(() => import('./pages/rules')) },
          { path: '/budgets', element: page(() => import('./pages/budgets')) },
          { path: '/goals', element: page(() => import('./pages/goals')) },
          { path: '/alerts', element: page(() => import('./pages/alerts')) },
          { path: '/advice', element: page(() => import('./pages/advice')) },
          { path: '/health', element: page(() => import('./pages/health')) },
          { path: '/settings', element: page(() => import('./pages/settings')) },
          { path: '/admin', element: page(() => import('./pages/admin')) },
          { path: '*', element: page(() => import('./pages/not-found')) },
        ],
      },
    ],
  },
]);
