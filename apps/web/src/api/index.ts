import i18n from '../i18n';
import { createApiClient } from './client';
import { createEndpoints } from './endpoints';
import { createLocalStorageTokenStore } from './tokenStore';

/** Fired when the session is gone for good; the session provider listens and shows the login page. */
export const AUTH_LOST_EVENT = 'lowcode:auth-lost';

export const tokenStore = createLocalStorageTokenStore();

export const api = createEndpoints(
  createApiClient({
    tokenStore,
    getLocale: () => i18n.resolvedLanguage ?? i18n.language,
    onAuthLost: () => window.dispatchEvent(new Event(AUTH_LOST_EVENT)),
  }),
);

export { ApiError } from './ApiError';
export type * from './types';
