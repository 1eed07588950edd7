/** The part of a socket.io client socket this needs. */
export interface RenewableSocket {
  on(event: 'auth_error' | 'ready', listener: () => void): unknown;
  connect(): unknown;
}

/** Turned away again this soon after a renewal, the socket waits this long before the next try. */
const RETRY_AFTER_MS = 10_000;

/**
 * Takes back a socket the server turned away for its access token. A handshake after the token expired — a
 * phone waking after a quarter of an hour, a server restart, a network change — is refused with `auth_error`
 * and disconnected by the server, and socket.io does not reconnect from that by itself: live updates would stop
 * until a reload. `renew` makes the session valid again (any API call: the client refreshes on a 401); then the
 * socket connects with the new token. A socket refused right after a renewal (the server refuses for another
 * reason) waits before trying again, so it never loops.
 */
export function reconnectWhenTokenRenewed(
  socket: RenewableSocket,
  renew: () => Promise<unknown>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): void {
  let renewing = false;
  let renewedJustNow = false;
  socket.on('ready', () => {
    renewedJustNow = false;
  });
  socket.on('auth_error', () => {
    if (renewing) return;
    renewing = true;
    const pause = renewedJustNow ? wait(RETRY_AFTER_MS) : Promise.resolve();
    void pause
      .then(renew)
      .then(() => {
        renewedJustNow = true;
        socket.connect();
      })
      // The session is gone for good: the API client has sent the user to the login page.
      .catch(() => undefined)
      .finally(() => {
        renewing = false;
      });
  });
}
