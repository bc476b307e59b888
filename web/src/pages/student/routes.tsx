import type { RouteObject } from 'react-router-dom';
import { Page } from '../../ui/components';

// Placeholder until this area's pages land.
export const studentRoutes: RouteObject[] = [{ index: true, element: <Page title="Mes hackathons">{null}</Page> }];
