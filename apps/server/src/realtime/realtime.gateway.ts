import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { type Server, type Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { userRoom, workspaceRoom } from './rooms';

/**
 * socket.io endpoint, authenticated with the same access token as the REST API (`auth: { token }` in the
 * handshake). Each socket joins a room for its user and one for its workspace; services emit to those.
 */
@WebSocketGateway({ cors: { origin: false } })
export class RealtimeGateway implements OnGatewayConnection {
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  server: Server;

  constructor(private readonly auth: AuthService) {}

  async handleConnection(socket: Socket): Promise<void> {
    const token: unknown = socket.handshake.auth?.token;
    try {
      if (typeof token !== 'string' || token === '') throw new Error('no token');
      const context = await this.auth.authenticate(token);
      socket.data.auth = context;
      await socket.join([userRoom(context.userId), workspaceRoom(context.workspaceId)]);
      socket.emit('ready', { userId: context.userId, workspaceId: context.workspaceId });
    } catch {
      this.logger.debug(`socket ${socket.id} refused: invalid token`);
      socket.emit('auth_error', { code: 'AUTH_TOKEN_INVALID' });
      socket.disconnect(true);
    }
  }
}
