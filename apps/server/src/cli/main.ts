#!/usr/bin/env node
import { CommanderError } from 'commander';
import { AppError } from '../common/errors/app-error';
import { errorMessage } from '../common/errors/error-codes';
import { createProgram } from './program';

const locale = process.env.LOWCODE_LOCALE === 'zh-CN' ? 'zh-CN' : 'en';
const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
};

createProgram(io, locale)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    if (error instanceof AppError) {
      io.stderr(`${error.code}: ${errorMessage(error.code, locale, error.params)}\n`);
      for (const detail of error.details) io.stderr(`  ${detail.path}: ${detail.message}\n`);
    } else {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exit(1);
  });
