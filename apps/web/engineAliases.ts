import { fileURLToPath } from 'node:url';

// The engines are published to the workspace as CommonJS builds for Node. The browser bundles their TypeScript
// sources instead: no stale dist/ during development, and Vite can tree-shake ES modules. tsconfig.json `paths`
// point at the same files so the type checker and the bundler agree.
const packageSource = (name: string) =>
  fileURLToPath(new URL(`../../packages/${name}/src/index.ts`, import.meta.url));

export const engineAliases = {
  '@lowcode/app-model': packageSource('app-model'),
  '@lowcode/flow-engine': packageSource('flow-engine'),
  '@lowcode/form-engine': packageSource('form-engine'),
  '@lowcode/report-engine': packageSource('report-engine'),
};
