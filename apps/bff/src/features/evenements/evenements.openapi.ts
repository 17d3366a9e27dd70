import type { Named, Operation } from '../../platform/openapi-kit';

/** The operations of evenements.router.ts. */
export const evenementsOperations = (_named: Named): Operation[] => [];
