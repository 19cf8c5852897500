#!/usr/bin/env node
// Entry point installed as `sitrep`; the CLI itself is compiled TypeScript in dist/.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv);
