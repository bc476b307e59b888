import type { RouteObject } from 'react-router-dom';
import { ConversationPage } from './ConversationPage';
import { HackathonPage } from './HackathonPage';
import { HackathonsPage } from './HackathonsPage';
import './student.css';

/** The student's pages, under /etudiant. */
export const studentRoutes: RouteObject[] = [
  { index: true, element: <HackathonsPage /> },
  { path: 'hackathons/:id', element: <HackathonPage /> },
  { path: 'conversations/:id', element: <ConversationPage /> },
];
