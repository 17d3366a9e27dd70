export * from './shared/result';
export * from './shared/brand';
export * from './shared/problem';
export * from './roles/roles';
export * from './roles/permissions';
export * from './auth/auth.schema';
export * from './auth/auth.rules';
export * from './admin/admin.schema';
