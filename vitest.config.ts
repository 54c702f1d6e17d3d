import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The pipeline tests replay a whole tenant and render 23 PDFs; give them room on a 2-core runner.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
