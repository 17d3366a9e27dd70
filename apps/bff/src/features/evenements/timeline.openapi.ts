import type { Named, Operation } from '../../platform/openapi-kit';

/** The operations of timeline.router.ts. */
export const timelineOperations = (_named: Named): Operation[] => [];
