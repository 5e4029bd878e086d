// Shared set-up for tests that run inside the real extension host: the fake LlamaCloud server in
// this process, the extension's internals through its activate() API, and a scripted Ui that fails
// fast on any prompt a test did not expect.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { JobPickItem, PickJobRequest, Ui } from '../../src/ui/prompts';
import type { Node } from '../../src/tree/nodes';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/server';

export const EXTENSION_ID = 'llamacloud-classify.llamacloud-classify-results';

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.activate();
}

type Message = { level: 'info' | 'warn' | 'error'; message: string; actions: string[] };

/** A Ui that answers from queues and records notifications. An unqueued prompt throws at once. */
export class ScriptedUi implements Ui {
  readonly messages: Message[] = [];
  readonly statuses: string[] = [];
  keys: (string | undefined)[] = [];
  picks: ((req: PickJobRequest, projectJobs: JobPickItem[]) => string | undefined)[] = [];
  confirms: boolean[] = [];
  /** Answers for notifications with actions, by a substring of the message. */
  choices: { match: string; choice: string }[] = [];

  async pickJob(req: PickJobRequest) {
    const next = this.picks.shift();
    if (!next) throw new Error('unexpected prompt: pickJob');
    return next(req, await req.loadProjectJobs());
  }
  async inputApiKey() {
    if (this.keys.length === 0) throw new Error('unexpected prompt: inputApiKey');
    return this.keys.shift();
  }
  info = (message: string, ...actions: string[]) => this.record('info', message, actions);
  warn = (message: string, ...actions: string[]) => this.record('warn', message, actions);
  error = (message: string, ...actions: string[]) => this.record('error', message, actions);
  async confirm(message: string) {
    if (this.confirms.length === 0) throw new Error(`unexpected prompt: confirm “${message}”`);
    return this.confirms.shift()!;
  }
  status(message: string) {
    this.statuses.push(message);
  }
  private async record(level: Message['level'], message: string, actions: string[]) {
    this.messages.push({ level, message, actions });
    const i = this.choices.findIndex((c) => message.includes(c.match));
    if (i < 0) return undefined;
    return this.choices.splice(i, 1)[0].choice;
  }
}

export interface Rig {
  api: ExtensionApi;
  server: FakeServer;
  ui: ScriptedUi;
  /** The rows under a job, as TreeItems. */
  rows(jobId: string): vscode.TreeItem[];
  nodes(jobId: string): Node[];
  close(): Promise<void>;
}

const config = () => vscode.workspace.getConfiguration('llamaClassify');

/** A clean extension state pointed at a fresh fake server, with its key set through the real command. */
export async function setUpRig(opts: FakeServerOptions = {}, { withKey = true } = {}): Promise<Rig> {
  const api = await extensionApi();
  const s = api.services;
  const server = await startFakeServer(opts);
  const ui = new ScriptedUi();
  api.setUi(ui);
  for (const job of [...s.jobs.jobs]) await s.jobs.remove(job.id);
  await config().update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
  await config().update('pageSize', 50, vscode.ConfigurationTarget.Global);
  if (withKey) {
    ui.keys.push(server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
  } else {
    await s.keys.clear();
  }
  ui.messages.length = 0;
  server.requests.length = 0;
  const nodes = (jobId: string) => s.tree.getChildren(s.tree.jobNode(jobId)) as Node[];
  return {
    api,
    server,
    ui,
    nodes,
    rows: (jobId) => nodes(jobId).map((n) => s.tree.getTreeItem(n) as vscode.TreeItem),
    close: async () => {
      for (const job of [...s.jobs.jobs]) await s.jobs.remove(job.id);
      await server.close();
    },
  };
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

export function tooltipText(item: vscode.TreeItem): string {
  // VS Code's markdown escaping turns spaces into &nbsp;: read the text as a person sees it.
  const raw = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
  return raw.replace(/&nbsp;/g, ' ');
}

/** Waits (bounded) until `check` passes; for the few things that settle asynchronously (file names). */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
