#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/kairos.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('kairos: dist/kairos.js is missing; run `npm run build` first\n');
  process.exit(1);
}
await import(dist.href);
