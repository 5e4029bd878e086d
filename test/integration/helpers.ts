// Shared set-up for tests that run inside the real extension host: the fake LlamaCloud server in
// this process, the extension's internals through its activate() API, and a scripted Ui that fails
// fast on any prompt a test did not expect.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { ChoiceRequest, FilterRequest, JobPickItem, Notice, PickJobRequest, ReportProgress, TextRequest, Ui, WrongTypeAnswer, WrongTypeRequest } from '../../src/ui/prompts';
import type { ExportFormat } from '../../src/export/formats';
import type { Node } from '../../src/tree/nodes';
import { startFakeServer, type FakeServer, type FakeServerOptions } from '../fake-server/server';

export const EXTENSION_ID = 'llamacloud-classify.llamacloud-classify-results';

export async function extensionApi(): Promise<TestApi> {
  const ext = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  assert.ok(api, 'the extension returns its test API in ExtensionMode.Test');
  return api;
}

/** The extension's parts, by the names the tests use. */
export class Parts {
  constructor(readonly api: TestApi) {}
  get controller() {
    return this.api.deps.controller;
  }
  get versions() {
    return this.api.deps.versions;
  }
  get jobs() {
    return this.api.deps.jobs;
  }
  get tree() {
    return this.api.deps.view.provider;
  }
  get treeView() {
    return this.api.deps.view.treeView;
  }
  get client() {
    return this.api.deps.client;
  }
  get keys() {
    return this.api.deps.keys;
  }
  get log() {
    return this.api.deps.log;
  }
  get panel() {
    return this.api.deps.panel;
  }
  get authNotice() {
    return this.api.deps.authNotice;
  }
  get fileNames() {
    return this.api.fileNames;
  }
  get connection() {
    return this.api.connection;
  }
  get context() {
    return this.api.context;
  }
  get clipboard(): (text: string) => Thenable<void> {
    return this.api.deps.clipboard;
  }
  /** Replaces the clipboard the commands and the panel write to. */
  set clipboard(write: (text: string) => Thenable<void>) {
    this.api.setClipboard(write);
  }
}

type Message = { level: 'info' | 'warn' | 'error'; message: string; actions: string[] };
type RecordedNotice = { message: string; action?: string; closed: boolean };

/** A Ui that answers from queues and records notifications. An unqueued prompt throws at once. */
export class ScriptedUi implements Ui {
  readonly messages: Message[] = [];
  readonly statuses: string[] = [];
  readonly notices: RecordedNotice[] = [];
  /** When true, notifications never resolve (a person who never closes the toast). */
  neverAnswer = false;
  keys: (string | undefined)[] = [];
  picks: ((req: PickJobRequest, projectJobs: JobPickItem[]) => string | undefined)[] = [];
  confirms: boolean[] = [];
  /** Answers for text boxes (undefined = cancelled); each request is recorded. */
  texts: (string | undefined)[] = [];
  readonly textRequests: TextRequest[] = [];
  /** Answers for the listed-job picker, given the items it offered. */
  listedPicks: ((items: JobPickItem[]) => string | undefined)[] = [];
  /** Answers to filter prompts in order: a value (checked by the prompt's own validation when typed), null = Skip, undefined = Escape. */
  filters: (string | null | undefined)[] = [];
  /** The filter prompts seen, for asserting their wording. */
  readonly filterPrompts: FilterRequest[] = [];
  /** Answers for Mark as Wrong Type…; the requests are recorded in `wrongTypeRequests`. */
  wrongTypes: (WrongTypeAnswer | undefined)[] = [];
  readonly wrongTypeRequests: WrongTypeRequest[] = [];
  /** Answers for notifications with actions, by a substring of the message. */
  choices: { match: string; choice: string }[] = [];
  /** Answers for pickOne / pickMany, in order: each gets the request (its items) and picks. */
  pickOnes: ((req: ChoiceRequest<unknown>) => unknown)[] = [];
  pickManys: ((req: ChoiceRequest<unknown>) => unknown[] | undefined)[] = [];
  readonly requests: { kind: 'pickOne' | 'pickMany'; title: string }[] = [];
  /** Every progress notification: its title and the messages it showed. */
  readonly progresses: { title: string; messages: string[]; cancelled: boolean }[] = [];
  /** Presses Cancel on a progress notification when it shows a message this returns true for. */
  cancelProgressWhen: ((message: string) => boolean) | undefined;

  async pickOne<T>(req: ChoiceRequest<T>): Promise<T | undefined> {
    this.requests.push({ kind: 'pickOne', title: req.title });
    const next = this.pickOnes.shift();
    if (!next) { throw new Error(`unexpected prompt: pickOne “${req.title}”`); }
    return next(req as ChoiceRequest<unknown>) as T | undefined;
  }
  async pickMany<T>(req: ChoiceRequest<T>): Promise<T[] | undefined> {
    this.requests.push({ kind: 'pickMany', title: req.title });
    const next = this.pickManys.shift();
    if (!next) { throw new Error(`unexpected prompt: pickMany “${req.title}”`); }
    return next(req as ChoiceRequest<unknown>) as T[] | undefined;
  }
  async progress<T>(title: string, work: (report: ReportProgress, signal: AbortSignal) => Promise<T>): Promise<T> {
    const entry = { title, messages: [] as string[], cancelled: false };
    this.progresses.push(entry);
    const abort = new AbortController();
    return work((message) => {
      entry.messages.push(message);
      if (!entry.cancelled && this.cancelProgressWhen?.(message)) {
        entry.cancelled = true;
        abort.abort();
      }
    }, abort.signal);
  }
  formats: (ExportFormat | undefined)[] = [];
  saves: ((req: { title: string; defaultUri: vscode.Uri; filters: Record<string, string[]> }) => vscode.Uri | undefined)[] = [];

  async pickJob(req: PickJobRequest) {
    const next = this.picks.shift();
    if (!next) { throw new Error('unexpected prompt: pickJob'); }
    return next(req, await req.loadProjectJobs());
  }
  async pickListedJob(_title: string, items: JobPickItem[]) {
    const next = this.listedPicks.shift();
    if (!next) { throw new Error('unexpected prompt: pickListedJob'); }
    return next(items);
  }
  async inputText(req: TextRequest) {
    this.textRequests.push(req);
    if (this.texts.length === 0) { throw new Error(`unexpected prompt: inputText “${req.title}”`); }
    const answer = this.texts.shift();
    const invalid = answer === undefined ? undefined : req.validate?.(answer);
    if (invalid) { throw new Error(`the text box refused ${JSON.stringify(answer)}: ${invalid}`); }
    return answer;
  }
  async chooseFilter(req: FilterRequest) {
    if (this.filters.length === 0) { throw new Error(`unexpected prompt: chooseFilter “${req.title}”`); }
    this.filterPrompts.push(req);
    const answer = this.filters.shift();
    if (typeof answer === 'string' && !req.choices?.some((c) => c.value === answer)) {
      const problem = req.validateTyped ? req.validateTyped(answer) : 'this prompt takes no typed value';
      if (problem) { throw new Error(`scripted filter “${answer}” was refused: ${problem}`); }
    }
    return answer;
  }
  async inputApiKey() {
    if (this.keys.length === 0) { throw new Error('unexpected prompt: inputApiKey'); }
    return this.keys.shift();
  }
  info = (message: string, ...actions: string[]) => this.record('info', message, actions);
  warn = (message: string, ...actions: string[]) => this.record('warn', message, actions);
  error = (message: string, ...actions: string[]) => this.record('error', message, actions);
  async askWrongType(req: WrongTypeRequest) {
    if (this.wrongTypes.length === 0) { throw new Error('unexpected prompt: askWrongType'); }
    this.wrongTypeRequests.push(req);
    return this.wrongTypes.shift();
  }
  async confirm(message: string) {
    if (this.confirms.length === 0) {throw new Error(`unexpected prompt: confirm “${message}”`);}
    return this.confirms.shift()!;
  }
  status(message: string) {
    this.statuses.push(message);
  }
  notice(message: string, action?: { title: string; command: string }): Notice {
    const n: RecordedNotice = { message, action: action?.command, closed: false };
    this.notices.push(n);
    return { close: () => (n.closed = true) };
  }
  async pickExportFormat() {
    if (this.formats.length === 0) { throw new Error('unexpected prompt: pickExportFormat'); }
    return this.formats.shift();
  }
  async saveFile(req: { title: string; defaultUri: vscode.Uri; filters: Record<string, string[]> }) {
    const next = this.saves.shift();
    if (!next) { throw new Error('unexpected prompt: saveFile'); }
    return next(req);
  }
  openNotices(): RecordedNotice[] {
    return this.notices.filter((n) => !n.closed);
  }
  private async record(level: Message['level'], message: string, actions: string[]) {
    this.messages.push({ level, message, actions });
    if (this.neverAnswer) {return new Promise<string | undefined>(() => {});}
    const i = this.choices.findIndex((c) => message.includes(c.match));
    if (i < 0) { return undefined; }
    return this.choices.splice(i, 1)[0].choice;
  }
}

export interface Rig {
  api: TestApi;
  s: Parts;
  server: FakeServer;
  ui: ScriptedUi;
  /** The rows under a job, as TreeItems. */
  rows(jobId: string): vscode.TreeItem[];
  nodes(jobId: string): Node[];
  /** The rows under a job with range rows ("1–1,000") and type groups replaced by the rows in them. */
  flatRows(jobId: string): vscode.TreeItem[];
  close(): Promise<void>;
}

const config = () => vscode.workspace.getConfiguration('llamaClassify');

/** A clean extension state pointed at a fresh fake server, with its key set through the real command. */
export async function setUpRig(opts: FakeServerOptions & { prefetch?: boolean } = {}, { withKey = true } = {}): Promise<Rig> {
  const api = await extensionApi();
  const s = new Parts(api);
  const server = await startFakeServer(opts);
  const ui = new ScriptedUi();
  api.setUi(ui);
  for (const job of [...s.jobs.jobs]) { await s.jobs.remove(job.id); }
  // Every case starts with every result shown in server order (the filter is kept across reloads).
  await api.deps.query.clearFilter();
  await api.deps.query.setSort('server');
  await api.deps.query.setGrouped(false);
  await config().update('baseUrl', server.url, vscode.ConfigurationTarget.Global);
  await config().update('pageSize', 50, vscode.ConfigurationTarget.Global);
  // Most cases count requests per click; the prefetch cases turn it on themselves.
  await config().update('prefetch', opts.prefetch ?? false, vscode.ConfigurationTarget.Global);
  if (withKey) {
    ui.keys.push(server.apiKey);
    await vscode.commands.executeCommand('llamaClassify.setApiKey');
  } else {
    await s.keys.clear();
  }
  ui.messages.length = 0;
  ui.notices.length = 0;
  server.requests.length = 0;
  const nodes = (jobId: string) => s.tree.getChildren(s.tree.jobNode(jobId)) as Node[];
  return {
    api,
    s,
    server,
    ui,
    nodes,
    rows: (jobId) => nodes(jobId).map((n) => s.tree.getTreeItem(n) as vscode.TreeItem),
    flatRows: (jobId) => flatNodes(s, jobId).map((n) => s.tree.getTreeItem(n) as vscode.TreeItem),
    close: async () => {
      for (const job of [...s.jobs.jobs]) { await s.jobs.remove(job.id); }
      await server.close();
    },
  };
}

/** A job's rows with range rows and type groups replaced by what they hold, top to bottom. */
export function flatNodes(s: Parts, jobId: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    if (n.kind === 'range' || n.kind === 'group') { (s.tree.getChildren(n) as Node[]).forEach(walk); }
    else { out.push(n); }
  };
  (s.tree.getChildren(s.tree.jobNode(jobId)) as Node[]).forEach(walk);
  return out;
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
      if (Date.now() > deadline) { throw err; }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
