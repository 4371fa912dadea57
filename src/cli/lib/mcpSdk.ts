/**
 * The pieces of the MCP SDK that `scaling-laws mcp` uses, in one module. esbuild.mjs builds it as its own file,
 * dist/mcp-sdk.js, which only the `mcp` command loads: the SDK with zod and ajv is about half of the CLI's
 * code, and every other command would otherwise read and compile it at each start.
 */
export { Server } from '@modelcontextprotocol/sdk/server/index.js';
export { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
export { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
