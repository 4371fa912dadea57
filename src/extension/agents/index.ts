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
import { backward } from '../../cli/commands/backward';
import { forward } from '../../cli/commands/forward';
import { lawsCommand } from '../../cli/commands/laws';
import { optimalCommand } from '../../cli/commands/optimal';
import type { CliCommand } from '../../cli/lib/io';
import { parsePairs } from '../../cli/lib/args';
import { runCommand } from '../../cli/lib/run';
import type { FeatureDeps } from '../common/host';
import { workerScript } from '../common/workerScript';
import { fileSource } from '../common/fileText';
import type { Settings } from '../common/settings';
import { type Role } from '../../core/csv';
import { InputError } from '../../core/errors';
import { FitRefusal, FitResult, isFormId } from '../../core/fit';
import { fitResultOf } from '../../core/fit/workerProtocol';
import { callWorker } from '../../core/worker/client';
import { isoflopJson } from '../../core/isoflop/json';
import { DEFAULT_GROUP_TOLERANCE } from '../../core/isoflop/grouping';

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

/**
 * The commands cheap enough to answer on the extension host — registry look-ups, closed-form plans, small
 * config files — imported one by one so the extension bundles no more of the CLI than these.
 */
const IN_PROCESS: Partial<Record<AgentTool['command'], CliCommand>> = { optimal: optimalCommand, laws: lawsCommand, forward, backward };
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
  if (tool.command in IN_PROCESS && stat.size > MAX_CONFIG_BYTES) {
    throw new AgentInputError(`${tool.name}: '${input.path}' is ${stat.size} bytes; a config is at most ${MAX_CONFIG_BYTES} bytes`);
  }
  return { ...input, path: uri.fsPath };
}

/** `["E=1.69", "loss=val_loss"]` → `{E: 1.69}` / `{loss: 'val_loss'}`; a malformed item is an input error. */
/** The fit tool's NAME=VALUE lists (checkInput has made them arrays of strings), parsed as the CLI parses its flags. */
const pairs = (items: unknown, what: string) => parsePairs(items as string[] | undefined, (s) => `scaling_laws_fit: '${what}' items are NAME=VALUE, got '${s}'`);

/**
 * The fit tool: the CSV read through workspace.fs and fitted in the fit worker (as the Fit panel does), so the
 * extension host never runs the optimiser; the answer is the fit's own text report with its warnings.
 */
async function fitAnswer(input: Record<string, unknown>, extensionUri: vscode.Uri, maxRows: number, token?: vscode.CancellationToken): Promise<string> {
  const form = input.form === undefined ? 'chinchilla' : String(input.form);
  if (!isFormId(form)) return `Error: scaling_laws_fit: unknown form '${form}'`;
  let fixed: Record<string, number>;
  let columns: Partial<Record<Role, string>>;
  try {
    fixed = Object.fromEntries(pairs(input.fix, 'fix').map(([k, v]) => {
      const x = Number(v);
      if (!Number.isFinite(x)) throw new AgentInputError(`scaling_laws_fit: fix ${k}=${v} is not a number`);
      return [k, x];
    }));
    columns = Object.fromEntries(pairs(input.columns, 'columns')) as Partial<Record<Role, string>>;
  } catch (e) {
    if (e instanceof AgentInputError || e instanceof InputError) return `Error: ${e.message}`;
    throw e;
  }
  const uri = vscode.Uri.file(String(input.path));
  const workerPath = workerScript(extensionUri);
  const abort = new AbortController();
  const sub = token?.onCancellationRequested(() => abort.abort());
  try {
    const source = await fileSource(uri);
    const outcome = await callWorker(workerPath, { type: 'fit', source, parseOpts: { fileName: uri.fsPath, maxRows, columns }, fitOpts: {
      form,
      bootstrap: typeof input.bootstrap === 'number' ? input.bootstrap : 200,
      seed: typeof input.seed === 'number' ? input.seed : 0,
      dropHighestLoss: typeof input.drop_highest_loss === 'number' ? input.drop_highest_loss : undefined,
      compute: typeof input.compute === 'number' ? input.compute : undefined,
      fixed,
    } }, { signal: abort.signal });
    const used = Object.entries(outcome.table.columns).map(([role, header]) => `${role} = '${header}'`).join(', ');
    return [`${uri.fsPath}: columns ${used}`, FitResult.fromJSON(fitResultOf(outcome)).toString()].join('\n');
  } catch (e) {
    if (e instanceof InputError || e instanceof FitRefusal) return `Error: ${e.message}`;
    throw e;
  } finally {
    sub?.dispose();
  }
}

/**
 * The IsoFLOP tool: the results CSV analysed in the worker (as Analyse IsoFLOP Results does); the answer is the
 * analysis as `scaling-laws isoflop --json` gives it (per-budget minima, N* = k·C^a, D* = k'·C^b, joint fit).
 */
async function isoflopAnswer(input: Record<string, unknown>, extensionUri: vscode.Uri, token?: vscode.CancellationToken): Promise<string> {
  if (input.columns !== undefined) return 'Error: scaling_laws_isoflop: choosing columns is not available in the editor; use `scaling-laws isoflop --column ROLE=HEADER`';
  const uri = vscode.Uri.file(String(input.path));
  const abort = new AbortController();
  const sub = token?.onCancellationRequested(() => abort.abort());
  try {
    const source = await fileSource(uri);
    const results = await callWorker(workerScript(extensionUri), {
      type: 'isoflop', source, fileName: uri.fsPath,
      options: { window: typeof input.window === 'number' ? input.window : null, skipBadBudgets: false, groupTolerance: DEFAULT_GROUP_TOLERANCE, joint: true },
    }, { signal: abort.signal });
    return JSON.stringify(isoflopJson(results.analysis, results.joint), null, 2);
  } catch (e) {
    return `Error: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    sub?.dispose();
  }
}

/** One tool call: the CLI command's text report (warnings included), or the one-line reason it was refused. */
export async function answer(tool: AgentTool, rawInput: unknown, extensionUri: vscode.Uri, settings: () => Settings, token?: vscode.CancellationToken): Promise<string> {
  let input: Record<string, unknown>;
  try {
    input = await resolvePath(tool, checkInput(tool, rawInput));
  } catch (e) {
    if (e instanceof AgentInputError) return `Error: ${e.message}`;
    throw e;
  }
  if (tool.command === 'fit') return fitAnswer(input, extensionUri, settings().fitMaxRows, token);
  if (tool.command === 'isoflop') return isoflopAnswer(input, extensionUri, token);
  const command = IN_PROCESS[tool.command];
  if (!command) {
    return `Error: ${tool.name} is not available in the editor; the same answer comes from the command line: scaling-laws ${tool.command} ${tool.argv(input).join(' ')}`;
  }
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(tool.command, command, tool.argv(input), { out: (s) => out.push(s), err: (s) => err.push(s) });
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
          invoke: async (options, token) => {
            const text = await answer(tool, options.input, context.extensionUri, deps.settings, token);
            return new LanguageModelToolResult([new LanguageModelTextPart(text)]);
          },
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
