/** The sub-command table. One line per command; each module owns its options and help. */
import type { CliCommand } from '../io';

export const COMMANDS: Record<string, CliCommand> = {};
