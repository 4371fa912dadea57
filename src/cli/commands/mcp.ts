/**
 * `scaling-laws mcp` — a Model Context Protocol server on stdio (the official @modelcontextprotocol/sdk), so any
 * agent (Copilot, Claude, Cursor…) can ask for compute-optimal plans, law citations, config counts and fits
 * instead of guessing them from memory. The tools are src/shared/agentTools.ts; each one runs the CLI command
 * it names with `--json` and returns exactly what that command prints (structuredContent holds the parsed
 * object), so an agent and a script see the same numbers.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { parseArgs } from '../lib/args';
import type { CliCommand, CliIO } from '../lib/io';
import { AGENT_TOOLS, AgentInputError, checkInput } from '../../shared/agentTools';
import { VERSION } from '../lib/version';

/** Runs a CLI command by name; injected so this module does not import the command table that lists it. */
export type CommandRunner = (command: string, argv: string[], io: CliIO) => Promise<number>;

/** One tool call: the command's stdout (its JSON), its stderr (warnings) and its exit code, as an MCP result. */
export async function callTool(name: string, input: unknown, run: CommandRunner): Promise<CallToolResult> {
  const tool = AGENT_TOOLS.find((t) => t.name === name);
  if (!tool) return { isError: true, content: [{ type: 'text', text: `unknown tool '${name}' (tools: ${AGENT_TOOLS.map((t) => t.name).join(', ')})` }] };
  let argv: string[];
  try {
    argv = [...tool.argv(checkInput(tool, input)), '--json'];
  } catch (e) {
    if (e instanceof AgentInputError) return { isError: true, content: [{ type: 'text', text: e.message }] };
    throw e;
  }
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(tool.command, argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  const stdout = out.join('\n');
  if (code !== 0) {
    // Exit 2: the input was bad (file:line:column …); exit 1: the computation was refused. Both are answers.
    return { isError: true, content: [{ type: 'text', text: `scaling-laws ${tool.command} exited ${code}: ${err.join('\n') || stdout}` }] };
  }
  const content: CallToolResult['content'] = [{ type: 'text', text: stdout }];
  if (err.length) content.push({ type: 'text', text: `warnings:\n${err.join('\n')}` });
  let structured: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(stdout);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) structured = parsed as Record<string, unknown>;
  } catch {
    /* not JSON: the text is the answer */
  }
  return { content, ...(structured ? { structuredContent: structured } : {}) };
}

/**
 * The server, connected to any transport (tests use an in-memory pair or a child process's stdio). The SDK is
 * loaded here, on first use, from its own bundle (../lib/mcpSdk.ts), so the other commands do not pay for it.
 */
export async function createServer(run: CommandRunner): Promise<Server> {
  const { Server, CallToolRequestSchema, ListToolsRequestSchema } = await import('../lib/mcpSdk');
  const server = new Server({ name: 'scaling-laws', version: VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: AGENT_TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => callTool(req.params.name, req.params.arguments, run));
  return server;
}

export function mcpCommand(run: CommandRunner): CliCommand {
  return {
    summary: 'serve the tools to AI agents over the Model Context Protocol (stdio)',
    async run(argv) {
      parseArgs(argv, {});
      const server = await createServer(run);
      const { StdioServerTransport } = await import('../lib/mcpSdk');
      await server.connect(new StdioServerTransport());
      // Serve until the client closes stdin.
      await new Promise<void>((resolve) => {
        server.onclose = () => resolve();
        process.stdin.on('end', () => resolve());
      });
      return 0;
    },
  };
}

/** `scaling-laws mcp --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function mcpHelp(): string {
  return `Usage: scaling-laws mcp

A Model Context Protocol server on stdin/stdout. Tools: ${AGENT_TOOLS.map((t) => t.name).join(', ')}.
Each tool answers with what 'scaling-laws <command> … --json' prints for the same request.
Register it with an agent, e.g. {"command": "npx", "args": ["scaling-laws", "mcp"]}.`;
}
