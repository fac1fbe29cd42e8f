#!/usr/bin/env node
// The `roster` command: runs the TypeScript CLI through tsx's loader, so the
// package ships one source of truth and needs no build step for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
