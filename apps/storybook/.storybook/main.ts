import type { StorybookConfig } from '@storybook/react-vite';

// Stories live next to the components in every package (globs are relative to this folder),
// plus app-level stories that combine packages (the picker with the core builder).
const config: StorybookConfig = {
  stories: ['../../../packages/*/src/**/*.stories.tsx', '../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

export default config;
