/**
 * Scaling Laws for AI agents inside VS Code:
 * - language-model tools (`contributes.languageModelTools`, `vscode.lm.registerTool`): agent mode can plan a
 *   budget, cite a law, count a config or read a backward config, and gets the CLI's own text report;
 * - the MCP server (`scaling-laws mcp`) offered through `contributes.mcpServerDefinitionProviders`, for agents
 *   that speak MCP.
 * Both APIs are newer than the extension's `engines.vscode` (^1.90): they are feature-detected at run time, so
 * older VS Code versions simply have no tools (the rest of the extension does not depend on them). The types
 * below are the subset of the finalized API (VS Code 1.95 tools, 1.101 MCP providers) that is used here.
 */
import * as vscode from 'vscode';
import { AGENT_TOOLS, AgentInputError, checkInput, type AgentTool } from '../../shared/agentTools';
import { COMMANDS } from '../../cli/commands';
import { runCommand } from '../../cli/lib/run';
import type { FeatureDeps } from '../common/host';

interface ToolInvocation {
  input: unknown;
}
interface LmToolApi {
  registerTool(name: string, tool: { invoke(options: ToolInvocation, token: vscode.CancellationToken): Promise<unknown> }): vscode.Disposable;
  registerMcpServerDefinitionProvider?(id: string, provider: { provideMcpServerDefinitions(): unknown[] }): vscode.Disposable;
}
interface LmClasses {
  LanguageModelToolResult: new (parts: unknown[]) => unknown;
  LanguageModelTextPart: new (text: string) => unknown;
  McpStdioServerDefinition?: new (label: string, command: string, args?: string[], env?: Record<string, string>, version?: string) => unknown;
}

/** Commands cheap enough to answer on the extension host: registry look-ups and closed-form plans, small config files. */
const IN_PROCESS = new Set<AgentTool['command']>(['optimal', 'laws', 'forward', 'backward', 'hparams']);
/** A config an agent names is read whole: refuse anything larger (a config is a few KB). */
const MAX_CONFIG_BYTES = 1 << 20;

/** Resolve a tool's `path` against the first workspace folder; refuse what is not a small regular file. */
async function resolvePath(tool: AgentTool, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof input.path !== 'string') return input;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const isAbsolute = input.path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(input.path);
  const uri = isAbsolute || !folder ? vscode.Uri.file(input.path) : vscode.Uri.joinPath(folder, input.path);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new AgentInputError(`${tool.name}: no file at '${input.path}'${folder && !isAbsolute ? ` (relative paths start at ${folder.fsPath})` : ''}`);
  }
  if (stat.type !== vscode.FileType.File) throw new AgentInputError(`${tool.name}: '${input.path}' is not a regular file`);
  if (IN_PROCESS.has(tool.command) && stat.size > MAX_CONFIG_BYTES) {
    throw new AgentInputError(`${tool.name}: '${input.path}' is ${stat.size} bytes; a config is at most ${MAX_CONFIG_BYTES} bytes`);
  }
  return { ...input, path: uri.fsPath };
}

/** One tool call: the CLI command's text report (warnings included), or the one-line reason it was refused. */
export async function answer(tool: AgentTool, rawInput: unknown): Promise<string> {
  let input: Record<string, unknown>;
  try {
    input = await resolvePath(tool, checkInput(tool, rawInput));
  } catch (e) {
    if (e instanceof AgentInputError) return `Error: ${e.message}`;
    throw e;
  }
  if (!IN_PROCESS.has(tool.command)) {
    return `The ${tool.title.toLowerCase()} tool runs in the command line here: scaling-laws ${tool.command} ${tool.argv(input).join(' ')} (in the editor, use the Scaling Laws commands).`;
  }
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(tool.command, COMMANDS[tool.command], tool.argv(input), { out: (s) => out.push(s), err: (s) => err.push(s) });
  const text = [...out, ...err].join('\n');
  return code === 0 ? text : `Error (exit ${code}): ${text}`;
}

export function register(context: vscode.ExtensionContext, deps: FeatureDeps): void {
  const lm = (vscode as unknown as { lm?: Partial<LmToolApi> }).lm;
  const classes = vscode as unknown as Partial<LmClasses>;
  if (lm?.registerTool && classes.LanguageModelToolResult && classes.LanguageModelTextPart) {
    const { LanguageModelToolResult, LanguageModelTextPart } = classes as LmClasses;
    for (const tool of AGENT_TOOLS) {
      context.subscriptions.push(
        lm.registerTool(tool.name, {
          invoke: async (options) => new LanguageModelToolResult([new LanguageModelTextPart(await answer(tool, options.input))]),
        }),
      );
    }
  }
  if (lm?.registerMcpServerDefinitionProvider && classes.McpStdioServerDefinition) {
    const Def = classes.McpStdioServerDefinition;
    context.subscriptions.push(
      lm.registerMcpServerDefinitionProvider('scalingLaws.mcp', {
        provideMcpServerDefinitions: () => {
          const [command, ...args] = deps.settings().mcpCommand;
          return command ? [new Def('Scaling Laws', command, args, {}, String(context.extension.packageJSON.version ?? ''))] : [];
        },
      }),
    );
  }
}
