import fs from 'node:fs';
import path from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Serves the built web app (apps/web/dist) and answers index.html for client-side routes, so one process
 * serves the whole product. Paths under /api and /socket.io never fall back.
 */
export function serveWebAssets(app: NestExpressApplication, webDistDir: string): boolean {
  const indexFile = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(indexFile)) return false;
  app.use(express.static(webDistDir, { index: false, maxAge: '1h' }));
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPageRequest = request.method === 'GET' && !/^\/(api|socket\.io)(\/|$)/.test(request.path);
    if (!isPageRequest) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
  return true;
}
