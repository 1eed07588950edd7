/** An API key as `/api/api-keys` lists it (workspace admins only): never its secret. */
export interface ApiKeyDto {
  id: string;
  name: string;
  /** `lck_` and the start of the id: enough to tell which integration holds which key. */
  prefix: string;
  scopes: string[];
  status: 'active' | 'expired' | 'revoked';
  /** What record history and the audit log show as the key's actor. */
  principalId: string;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Answered once, when the key is created. */
export interface CreatedApiKey extends ApiKeyDto {
  secret: string;
}

export interface NewApiKey {
  name: string;
  scopes: string[];
  expiresAt?: string;
}
