import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useMe } from '../api/queries';
import { SignOutButton } from './auth-sign-out';
import { Loading } from './states';
import { useOnline } from './use-online';

const NAV: [to: string, label: string][] = [
  ['/', 'Dashboard'],
  ['/transactions', 'Transactions'],
  ['/import', 'Import'],
  ['/accounts', 'Accounts'],
  ['/categories', 'Categories'],
  ['/rules', 'Rules'],
  ['/budgets', 'Budgets'],
  ['/goals', 'Goals'],
  ['/alerts', 'Alerts'],
  ['/advice', 'Advice'],
  ['/health', 'Health'],
  ['/settings', 'Settings'],
];

/** The signed-in frame: skip link, navigation (a disclosure on phones), offline banner, and the screen. */
export function Layout() {
  const online = useOnline();
  const me = useMe();
  // Roles beyond the default one may carry roles:read; the admin screen itself answers a 403 clearly.
  const isAdmin = (me.data?.roles ?? []).some((r) => r !== 'user');
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Tally</span>
        <div className="row">
          <SignOutButton />
          <details className="menu">
            <summary>Menu</summary>
            <Nav admin={isAdmin} />
          </details>
        </div>
      </header>
      <div className="frame">
        <aside className="side">
          <Nav admin={isAdmin} />
        </aside>
        <main id="main" tabIndex={-1}>
          {!online && (
            <p className="offline" role="status">
              You are offline. What you see may be out of date; changes will fail until the connection is back.
            </p>
          )}
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </>
  );
}

function Nav({ admin }: { admin: boolean }) {
  return (
    <nav aria-label="Main">
      <ul>
        {NAV.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end={to === '/'}>
              {label}
            </NavLink>
          </li>
        ))}
        {admin && (
          <li>
            <NavLink to="/admin">Admin</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The frame of the signed-out screens. */
export function PublicLayout() {
  return (
    <main id="main" className="public">
      <p className="brand">Tally</p>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </main>
  );
}
