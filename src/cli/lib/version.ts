/** The package version, for `--version` and the MCP server's handshake (read from the manifest at build time). */
import { version } from '../../../package.json';

export const VERSION: string = version;
