import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    // Renderer tests opt into a DOM with `// @vitest-environment happy-dom` at the top of the file.
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests that capture, open namespaces or start servers must not fight over the two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
