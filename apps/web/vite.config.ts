import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { engineAliases } from './engineAliases';

// In production the server serves dist/ itself, so the app only ever uses relative URLs.
// `pnpm dev` starts both with the same environment, so the server's PORT is the proxy's target too.
const API_TARGET = process.env.LOWCODE_API_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

// Split the big, rarely changing libraries into their own chunks: they cache across deploys and keep each chunk
// under the size warning.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id))
    return 'vendor-react';
  // Icons stay with antd: antd imports them itself, and splitting them creates a circular chunk.
  if (/node_modules\/(antd|@ant-design|rc-[^/]+|@rc-component|dayjs)\//.test(id)) return 'vendor-antd';
  if (/node_modules\/(i18next|react-i18next)\//.test(id)) return 'vendor-i18n';
  // Charts and the spreadsheet writer load with the dashboard pages / on export only.
  if (/node_modules\/(echarts|zrender|react-grid-layout|react-draggable|react-resizable)\//.test(id))
    return 'vendor-charts';
  if (/node_modules\/exceljs\//.test(id)) return undefined;
  // The rule builder's query builder imports antd: its own chunk keeps `vendor` free of antd imports (no cycle).
  if (/node_modules\/(react-querybuilder|@react-querybuilder\/[^/]+|cronstrue)\//.test(id))
    return 'vendor-querybuilder';
  if (/node_modules\/(socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser)\//.test(id)) {
    return 'vendor-socket';
  }
  return 'vendor';
}

export default defineConfig({
  plugins: [react()],
  resolve: { alias: engineAliases },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: true },
      '/socket.io': { target: API_TARGET, ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    // antd alone is ~1.3 MB minified before gzip (pickers, colour picker, upload); the split keeps the app chunk small.
    chunkSizeWarningLimit: 1400,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
});
