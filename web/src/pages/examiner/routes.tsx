import type { RouteObject } from 'react-router-dom';
import './examiner.css';
import { CopyPage } from './CopyPage';
import { EvaluationsPage } from './EvaluationsPage';
import { QueuePage } from './QueuePage';

/** The examiner's pages, under /examinateur. */
export const examinerRoutes: RouteObject[] = [
  { index: true, element: <QueuePage /> },
  { path: 'copies/:conversationId', element: <CopyPage /> },
  { path: 'evaluations', element: <EvaluationsPage /> },
];
