/** True in pages served by `vite` (the development server), false in a build: set by vite.config.ts. */
declare const __DEV_SERVER__: boolean;
