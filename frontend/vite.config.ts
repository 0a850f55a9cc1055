import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends the API calls: the gateway of the running platform (`npm start`). */
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  plugins: [preact()],
  // Whether the page is served by this dev server rather than by the gateway (NODE_ENV cannot tell:
  // a build run under a test runner inherits NODE_ENV=test and with it import.meta.env.DEV).
  define: { __DEV_SERVER__: JSON.stringify(command === 'serve') },
  resolve: { conditions: ['source'] },
  // The page is served with `script-src 'self'`: no inline module-preload helper.
  build: { modulePreload: { polyfill: false }, target: 'es2022' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: gatewayUrl, changeOrigin: false } },
  },
}));
