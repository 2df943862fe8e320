import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const projectDir = fileURLToPath(new URL('.', import.meta.url));

/** The web app: Vite root is `src/web`, built into `dist/web`, which the server serves. */
export default defineConfig({
  root: `${projectDir}src/web`,
  publicDir: false,
  plugins: [react(), tailwindcss()],
  build: {
    outDir: `${projectDir}dist/web`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
