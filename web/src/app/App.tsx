import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import { adminRoutes } from '../pages/admin/routes';
import { authRoutes } from '../pages/auth/routes';
import { examinerRoutes } from '../pages/examiner/routes';
import { studentRoutes } from '../pages/student/routes';
import { Page } from '../ui/components';
import { Home, RequireRole } from './guards';
import { Layout } from './Layout';

function NotFound() {
  return (
    <Page title="Page introuvable">
      <p>Cette adresse ne correspond à aucune page.</p>
    </Page>
  );
}

/** Each area's pages, behind its role (pages/<area>/routes.tsx). */
const area = (
  path: string,
  roles: Parameters<typeof RequireRole>[0]['roles'],
  children: RouteObject[],
): RouteObject => ({
  path,
  children: children.map((r) => ({ ...r, element: <RequireRole roles={roles}>{r.element}</RequireRole> })),
});

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      ...authRoutes,
      area('etudiant', ['student'], studentRoutes),
      area('examinateur', ['examiner'], examinerRoutes),
      area('admin', ['admin'], adminRoutes),
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function App() {
  return <RouterProvider router={createBrowserRouter(routes)} />;
}
