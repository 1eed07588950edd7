import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, CLIENT_ERROR_CODES } from '../api/ApiError';

/**
 * Turns anything thrown into one line for the user. Server messages are already localized (Accept-Language);
 * only the errors the client makes up itself are translated here.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.code === CLIENT_ERROR_CODES.network) return t('errors.NETWORK_ERROR');
        if (error.code === CLIENT_ERROR_CODES.unexpectedResponse) {
          return t('errors.UNEXPECTED_RESPONSE', { message: error.message });
        }
        return error.message;
      }
      return t('errors.generic', { message: error instanceof Error ? error.message : String(error) });
    },
    [t],
  );
}
