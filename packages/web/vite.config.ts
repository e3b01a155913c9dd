import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress';
import { serviceWorker } from './build/service-worker';

// In dev, the API runs separately (npm start on port 3000); production serves both from one port.
export default defineConfig({
  plugins: [react(), serviceWorker(), precompress()],
  server: { proxy: { '/api': process.env.API_URL ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true },
});
