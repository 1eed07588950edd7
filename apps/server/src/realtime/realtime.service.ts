import { Injectable } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { userRoom, workspaceRoom } from './rooms';

/** What services call to push live updates; they never touch socket.io directly. */
@Injectable()
export class RealtimeService {
  constructor(private readonly gateway: RealtimeGateway) {}

  toWorkspace(workspaceId: string, event: string, payload: unknown): void {
    this.gateway.server?.to(workspaceRoom(workspaceId)).emit(event, payload);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.gateway.server?.to(userRoom(userId)).emit(event, payload);
  }
}
