// Restores the result panel after a window reload (activation event onWebviewPanel:llamaClassify.result).
// The page persists only {jobId, resultId}; everything else is fetched again with the current key.
import type * as vscode from 'vscode';

export interface PanelRestorer {
  restore(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

export class ResultPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly panels: PanelRestorer) {}

  deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    return this.panels.restore(panel, state);
  }
}
