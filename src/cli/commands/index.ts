/**
 * The sub-command table. One line per command; each module owns its options and help. The extension's
 * language-model tools run these too (src/extension/agents), so nothing here may pull in the MCP SDK: `mcp`
 * itself is added by main.ts.
 */
import type { CliCommand } from '../lib/io';
import { fitCommand } from './fit';
import { planCommand } from './plan';
import { mockCommand } from './mock';
import { isoflopCommand } from './isoflop';
import { forward } from './forward';
import { backward } from './backward';
import { lawsCommand } from './laws';
import { optimalCommand } from './optimal';
import { hparamsCommand } from './hparams';

export const COMMANDS: Record<string, CliCommand> = {
  fit: fitCommand,
  plan: planCommand,
  mock: mockCommand,
  isoflop: isoflopCommand,
  forward,
  backward,
  laws: lawsCommand,
  optimal: optimalCommand,
  hparams: hparamsCommand,
};
