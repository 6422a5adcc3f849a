import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/poverty/',
  plugins: [react()],
  server: {
    port: 5175,
    proxy: { '/trpc': 'http://localhost:3000' },
  },
  build: {
    chunkSizeWarningLimit: 1500,
  },
});
