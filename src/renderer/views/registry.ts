/**
 * The views of the left navigation, in order. Each view is its own folder under views/ with an
 * index.tsx default export, loaded lazily so a heavy view (charts, diagrams) never slows the others.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ViewEntry {
  /** Route path and the key of its nav label (`nav.<id>` in the common namespace). */
  id: 'capture' | 'packets' | 'layers' | 'inspector' | 'labs' | 'reports';
  Component: LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewEntry[] = [
  { id: 'capture', Component: lazy(() => import('./capture')) },
  { id: 'packets', Component: lazy(() => import('./packets')) },
  { id: 'layers', Component: lazy(() => import('./layers')) },
  { id: 'inspector', Component: lazy(() => import('./inspector')) },
  { id: 'labs', Component: lazy(() => import('./labs')) },
  { id: 'reports', Component: lazy(() => import('./reports')) },
];
