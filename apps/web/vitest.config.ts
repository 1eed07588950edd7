import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { engineAliases } from './engineAliases';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: engineAliases },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // antd in jsdom renders slowly when all files run in parallel; the 5 s default made the drawer and import
    // tests flaky under load, not wrong.
    testTimeout: 20_000,
    // The query builder's antd kit imports antd's ES files by paths Node cannot resolve alone; Vite can.
    server: { deps: { inline: ['@react-querybuilder/antd'] } },
  },
});
