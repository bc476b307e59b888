import type { RouteObject } from 'react-router-dom';
import './admin.css';
import { HackathonFormPage } from './HackathonFormPage';
import { HackathonPage } from './HackathonPage';
import { HackathonsPage } from './HackathonsPage';
import { MaintenancePage } from './MaintenancePage';
import { UsersPage } from './UsersPage';

export const adminRoutes: RouteObject[] = [
  { index: true, element: <HackathonsPage /> },
  { path: 'hackathons/nouveau', element: <HackathonFormPage /> },
  { path: 'hackathons/:id', element: <HackathonPage /> },
  { path: 'hackathons/:id/modifier', element: <HackathonFormPage /> },
  { path: 'utilisateurs', element: <UsersPage /> },
  { path: 'taches', element: <MaintenancePage /> },
];
