/**
 * Findings about a config file — errors, warnings, hints — located by JSON path and text span, with
 * optional quick fixes expressed as plain text edits. The core produces them; the editor turns them into
 * diagnostics and code actions and the CLI prints them as `file:line:column: severity: message`.
 */
import type { JSONPath } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostic';

export type { Severity } from '../diagnostic';

export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

export interface QuickFix {
  title: string;
  edit: TextEdit;
  /** The one obviously-right fix (VS Code's "preferred" action). */
  preferred?: boolean;
}

export type IssueCode =
  | 'syntax'
  | 'invalid'
  | 'unknown-key'
  | 'unknown-gpu'
  | 'unknown-dtype'
  | 'mfu-high'
  | 'mfu-low'
  | 'sparse-peak'
  | 'dataset-exceeded'
  | 'many-epochs'
  | 'memory'
  | 'law'
  | 'arch-path';

export interface ConfigIssue extends Diagnostic<IssueCode> {
  path: JSONPath;
  offset: number;
  length: number;
  fixes: QuickFix[];
}
