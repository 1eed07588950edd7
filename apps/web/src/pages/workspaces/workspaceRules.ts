// Client-side checks mirror the server's DTO so mistakes show before a round trip; the server stays the authority.
export const WORKSPACE_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const WORKSPACE_NAME_MAX = 200;
