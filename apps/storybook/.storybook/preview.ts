import type { Preview } from '@storybook/react-vite';

const preview: Preview = {
  // Autodocs: a docs page for every component from its stories and TSDoc.
  tags: ['autodocs'],
  parameters: {
    // Accessibility violations fail the story's test (in `vitest run` and in the Storybook UI).
    a11y: { test: 'error' },
    layout: 'padded',
  },
};

export default preview;
