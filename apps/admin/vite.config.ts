import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/trpc': 'http://localhost:3000' },
  },
  build: {
    chunkSizeWarningLimit: 1500,
  },
});
