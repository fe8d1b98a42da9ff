import { tokenhub } from '@tokenhub/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** React's own modules; they get a chunk of their own so the size report can tell them apart. */
export const reactModules = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;

// Zero configuration: without TOKENHUB_API_KEY the plugin starts the mock gateway in this process;
// with it, `/api/tokenhub` forwards to TokenHub with the key added on the server side.
export default defineConfig({
  plugins: [react(), tokenhub()],
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'react', test: reactModules }] },
      },
    },
  },
});
