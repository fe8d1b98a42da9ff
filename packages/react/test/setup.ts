import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its automatic cleanup.
afterEach(() => cleanup());

// findBy* and waitFor give up after 1 s by default; on a loaded 2-core CI machine a generation
// through the mock gateway can take longer. A generous ceiling costs nothing when things pass.
configure({ asyncUtilTimeout: 5000 });
