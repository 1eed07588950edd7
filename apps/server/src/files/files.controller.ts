import { Controller, Get, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { ApiKeyScope, type AuthContext, CurrentAuth, Public } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { AppError } from '../common/errors/app-error';
import { MAX_FILE_BYTES } from './file-checks';
import { FilesService } from './files.service';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(
    private readonly files: FilesService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @ApiKeyScope('records:write')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1 } }))
  upload(@CurrentAuth() auth: AuthContext, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file)
      throw new AppError('FILE_REFUSED', {}, [
        { path: 'file', message: 'send the file in the form field "file"' },
      ]);
    return this.files.upload(auth, file);
  }

  /** With a signed link (what record values carry), a bearer token, or an API key that may read records. */
  @Public()
  @Get(':id')
  async download(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const caller = () =>
      this.auth.authenticateOptionalRoute(
        request.headers,
        { ip: request.ip ?? 'unknown', method: request.method, path: request.path },
        { scopes: ['records:read'], appParam: 'app' },
      );
    const file =
      signature !== undefined
        ? await this.files.openSigned(id, Number(expires), signature)
        : await this.files.open((await caller()).workspaceId, id);
    response.setHeader('Content-Type', file.mimeType);
    response.setHeader('Content-Length', String(file.size));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'");
    // Images may show inline; everything else downloads, so an uploaded file never runs as a page.
    response.attachment(file.name);
    if (file.mimeType.startsWith('image/'))
      response.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    file.content.pipe(response);
  }
}
