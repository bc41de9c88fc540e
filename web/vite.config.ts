import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { swaggerUiDocs } from './scripts/docs-plugin';

/**
 * The web app: built into web/dist, served by the local cloud (infra/local/web.ts) and by CloudFront (infra/stacks/
 * web-stack.ts). Each screen is its own chunk, so the first load carries only the shell and the screen it opens.
 * The API reference (/docs) is Swagger UI copied from its package at build time: no CDN.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), swaggerUiDocs()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
});
