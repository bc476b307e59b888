import type { RouteObject } from 'react-router-dom';
import { Page } from '../../ui/components';

// Placeholder until this area's pages land.
export const examinerRoutes: RouteObject[] = [{ index: true, element: <Page title="Copies à corriger">{null}</Page> }];
