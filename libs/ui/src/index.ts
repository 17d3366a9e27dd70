export * from './empty-state/empty-state';
export * from './error-message/error-message';
export * from './formatted-text/formatted-text';
export * from './icon/icon';
export * from './icon/icon-paths';
export * from './identity-summary/identity-summary';
export * from './password-strength/password-strength';
export * from './visibility-toggle/visibility-toggle';
