// The one place that asks the user anything. Commands take a `Ui`; tests install a scripted one that
// fails fast on an unexpected prompt instead of hanging.
import * as vscode from 'vscode';
import { errorMessage } from '../api/errors';
import type { JobIdParse } from '../api/jobId';
import type { ExportFormat } from '../export/formats';
import { plain } from './text';

export interface JobPickItem {
  jobId: string;
  label: string;
  description?: string;
  detail?: string;
}

export interface PickJobRequest {
  recent: JobPickItem[];
  /** Fetches the project's jobs; the picker shows `busy` meanwhile and a row with the error if it fails. */
  loadProjectJobs: () => Promise<JobPickItem[]>;
  parse: (text: string) => JobIdParse;
  /** The picker's title; default "Open Job Results". */
  title?: string;
  /** What the row for a pasted ID says before the ID; default "Open job". */
  verb?: string;
  /** The heading of the `recent` rows; default "Recent". */
  recentLabel?: string;
}

/** One choice of `pickOne` / `pickMany`. */
export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Selected at first (pickMany). */
  picked?: boolean;
}

export interface ChoiceRequest<T> {
  title: string;
  placeholder: string;
  items: Choice<T>[];
  /** Typing filters on the description and detail too, not only the label. */
  matchOnDetails?: boolean;
}

/** Reports a step of a long task: "1,250 of 2,345". */
export type ReportProgress = (message: string) => void;

/** One optional filter: fixed choices and/or a typed value, and always a "Skip" choice. */
export interface FilterRequest {
  title: string;
  placeholder: string;
  /** The label of the choice that leaves this filter out, e.g. "Skip — any status". */
  skipLabel: string;
  choices?: { label: string; value: string; description?: string }[];
  /** When set, typed text is offered as a value once it passes: returns an error message, or undefined when fine. */
  validateTyped?: (text: string) => string | undefined;
}

/** What "Mark as Wrong Type…" asks: the right type (optional) and a note (optional). */
export interface WrongTypeRequest {
  /** The type the result has now, as shown ("invoice", "No match"). */
  current: string;
  /** Types seen in the job's loaded results, most common first: offered as the right type. */
  types: string[];
}

/** Undefined fields: the person did not say. */
export interface WrongTypeAnswer {
  correctType?: string;
  note?: string;
}

/** A notification the code closes when its cause is gone. */
export interface Notice {
  close(): void;
}

export interface TextRequest {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  /** A message shown in place while the text is not acceptable. */
  validate?: (text: string) => string | undefined;
}

export interface Ui {
  pickJob(req: PickJobRequest): Promise<string | undefined>;
  /** One of the listed jobs (the job ID), or undefined when the person closes the list. */
  pickListedJob(title: string, jobs: JobPickItem[]): Promise<string | undefined>;
  /** A line of text; undefined when the person cancels (an empty answer is ''). */
  inputText(req: TextRequest): Promise<string | undefined>;
  /** A filter value, null when skipped, undefined when the person cancelled (Escape) the whole flow. */
  chooseFilter(req: FilterRequest): Promise<string | null | undefined>;
  /** Password box for the key; rejects an empty value in place. */
  inputApiKey(): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Asks for the right type and a note; undefined when the person cancels (Escape). */
  askWrongType(req: WrongTypeRequest): Promise<WrongTypeAnswer | undefined>;
  /** A modal question; true only when the user picked `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  status(message: string): void;
  /**
   * A notification that stays until `close()` (or the person hides it): for a state, such as a
   * rejected key, that a later event resolves. `action` becomes a link that runs a command.
   */
  notice(message: string, action?: { title: string; command: string }): Notice;
  /** Export: the file format. */
  pickExportFormat(): Promise<ExportFormat | undefined>;
  /** A save dialog (in code-server and remote windows, VS Code's simple one: a path typed in a box). */
  saveFile(req: { title: string; defaultUri: vscode.Uri; filters: Record<string, string[]> }): Promise<vscode.Uri | undefined>;
  pickOne<T>(req: ChoiceRequest<T>): Promise<T | undefined>;
  /** Several choices; undefined when dismissed (an empty array is a choice: none). */
  pickMany<T>(req: ChoiceRequest<T>): Promise<T[] | undefined>;
  /** A cancellable progress notification while `work` runs; its signal aborts when the person cancels. */
  progress<T>(title: string, work: (report: ReportProgress, signal: AbortSignal) => Promise<T>): Promise<T>;
}

interface ValuePick<T> extends vscode.QuickPickItem {
  value: T;
}

function choiceItems<T>(items: Choice<T>[]): ValuePick<T>[] {
  return items.map((c) => ({ label: c.label, description: c.description, detail: c.detail, value: c.value, picked: c.picked }));
}

const FORMAT_ITEMS: (vscode.QuickPickItem & { format: ExportFormat })[] = [
  { label: 'JSON array', description: '.json', detail: 'One JSON array of the results as LlamaCloud sent them, plus file_name', format: 'json' },
  { label: 'JSONL', description: '.jsonl', detail: 'JSON Lines: one result per line, as LlamaCloud sent it, plus file_name', format: 'jsonl' },
  { label: 'CSV', description: '.csv', detail: 'For spreadsheets: one row per result, UTF-8 with a byte order mark', format: 'csv' },
];

interface PickItem extends vscode.QuickPickItem {
  jobId?: string;
}

const openJobTitle = () => vscode.l10n.t('Open Job Results');

/** An input box that starts with `value` and shows why it is not a job ID (in full) until it is one. */
function askForJobId(value: string, parse: PickJobRequest['parse'], title: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.prompt = vscode.l10n.t('Paste a classify job ID or a URL that contains one.');
    box.ignoreFocusOut = true;
    box.value = value;
    box.valueSelection = [value.length, value.length]; // go on typing where the picker left off
    const check = (v: string) => {
      const parsed = parse(v);
      box.validationMessage = parsed.ok ? undefined : parsed.message;
      return parsed;
    };
    check(value);
    let done = false;
    box.onDidChangeValue(check);
    box.onDidAccept(() => {
      const parsed = check(box.value);
      if (!parsed.ok) { return; } // the message says why; the box stays
      done = true;
      resolve(parsed.jobId);
      box.hide();
    });
    box.onDidHide(() => {
      if (!done) { resolve(undefined); }
      box.dispose();
    });
    box.show();
  });
}

export const vscodeUi: Ui = {
  pickJob(req) {
    return new Promise<string | undefined>((resolve) => {
      const qp = vscode.window.createQuickPick<PickItem>();
      const baseTitle = req.title ?? openJobTitle();
      qp.title = baseTitle;
      qp.placeholder = vscode.l10n.t('Paste a classify job ID or a URL containing one, or pick a job');
      qp.matchOnDescription = true;
      qp.matchOnDetail = true;
      qp.ignoreFocusOut = true;
      let projectItems: PickItem[] = [];
      let typed: PickItem[] = [];
      const recent: PickItem[] = req.recent.map((r) => ({ ...r, label: r.label }));

      const render = () => {
        const sections: PickItem[] = [...typed];
        if (recent.length) {sections.push({ label: req.recentLabel ?? vscode.l10n.t('Recent'), kind: vscode.QuickPickItemKind.Separator }, ...recent);}
        if (projectItems.length) {sections.push({ label: vscode.l10n.t('Project jobs'), kind: vscode.QuickPickItemKind.Separator }, ...projectItems);}
        qp.items = sections;
      };
      // Text that is not a job ID yet gets no row (a row would be selectable and cut off): the title says
      // so, and Enter moves the text to an input box whose validation message explains it in full.
      const onValue = (value: string) => {
        const parsed = value.trim() === '' ? undefined : req.parse(value);
        typed = parsed?.ok ? [{ label: `$(arrow-right) ${req.verb ? `${req.verb} ${parsed.jobId}` : vscode.l10n.t('Open job {0}', parsed.jobId)}`, jobId: parsed.jobId, alwaysShow: true }] : [];
        qp.title = parsed && !parsed.ok ? vscode.l10n.t('{0}: not a job ID — press Enter to see why', baseTitle) : baseTitle;
        render();
      };
      qp.onDidChangeValue(onValue);
      let handedOver = false;
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (picked?.jobId) {
          resolve(picked.jobId);
          qp.hide();
        } else if (qp.value.trim() !== '') {
          handedOver = true;
          const value = qp.value;
          qp.hide();
          askForJobId(value, req.parse, baseTitle).then(resolve, () => resolve(undefined));
        }
      });
      qp.onDidHide(() => {
        if (!handedOver) { resolve(undefined); }
        qp.dispose();
      });
      render();
      qp.show();
      qp.busy = true;
      req
        .loadProjectJobs()
        .then((items) => {
          projectItems = items.filter((i) => !req.recent.some((r) => r.jobId === i.jobId));
        })
        .catch((err: unknown) => {
          projectItems = [{ label: `$(warning) ${vscode.l10n.t('Couldn’t list the project’s jobs: {0}', errorMessage(err))}`, alwaysShow: true }];
        })
        .finally(() => {
          qp.busy = false;
          render();
        });
    });
  },

  async pickListedJob(title, jobs) {
    const picked = await vscode.window.showQuickPick(
      jobs.map((j) => ({ ...j, label: plain(j.label) })),
      { title, placeHolder: vscode.l10n.t('Pick a job'), matchOnDescription: true },
    );
    return picked?.jobId;
  },

  async inputText(req) {
    return vscode.window.showInputBox({
      title: req.title,
      prompt: req.prompt,
      value: req.value,
      placeHolder: req.placeHolder,
      ignoreFocusOut: true,
      validateInput: req.validate,
    });
  },

  chooseFilter(req) {
    return new Promise<string | null | undefined>((resolve) => {
      type FilterItem = vscode.QuickPickItem & { value?: string | null };
      const qp = vscode.window.createQuickPick<FilterItem>();
      qp.title = req.title;
      qp.placeholder = req.placeholder;
      qp.ignoreFocusOut = true;
      const fixed: FilterItem[] = [{ label: `$(debug-step-over) ${req.skipLabel}`, value: null, alwaysShow: true }, ...(req.choices ?? [])];
      qp.items = fixed;
      qp.onDidChangeValue((value) => {
        if (!req.validateTyped || value.trim() === '') {
          qp.items = fixed;
          return;
        }
        const problem = req.validateTyped(value);
        const typed: FilterItem = problem ? { label: `$(warning) ${problem}`, alwaysShow: true } : { label: `$(check) Use “${value.trim()}”`, value: value.trim(), alwaysShow: true };
        qp.items = [typed, ...fixed];
      });
      let done = false;
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!picked || picked.value === undefined) { return; } // a warning row: keep the box open
        done = true;
        resolve(picked.value);
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!done) { resolve(undefined); }
        qp.dispose();
      });
      qp.show();
    });
  },

  async inputApiKey() {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('LlamaCloud API Key'),
      prompt: vscode.l10n.t('Paste your LlamaCloud API key (it starts with llx-). It is kept in VS Code’s secret storage.'),
      placeHolder: 'llx-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('The key cannot be empty.') : /\s/.test(v.trim()) ? vscode.l10n.t('The key cannot contain spaces.') : undefined),
    });
    return value?.trim() || undefined;
  },

  async askWrongType(req) {
    const type = await pickCorrectType(req);
    if (type === undefined) { return undefined; }
    const note = await vscode.window.showInputBox({
      title: 'Mark as Wrong Type (2/2)',
      prompt: 'An optional note (why it is wrong, what to check). Press Enter to skip.',
      placeHolder: 'Note (optional)',
      ignoreFocusOut: true,
    });
    if (note === undefined) { return undefined; }
    return { correctType: type || undefined, note: note.trim() || undefined };
  },

  info: (message, ...actions) => Promise.resolve(vscode.window.showInformationMessage(plain(message), ...actions)),
  warn: (message, ...actions) => Promise.resolve(vscode.window.showWarningMessage(plain(message), ...actions)),
  error: (message, ...actions) => Promise.resolve(vscode.window.showErrorMessage(plain(message), ...actions)),

  async confirm(message, detail, action) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return answer === action;
  },

  status(message) {
    vscode.window.setStatusBarMessage(message, 4000);
  },

  notice(message, action) {
    // A progress notification is the only kind the API lets an extension close; it ends when `close()` runs.
    let close!: () => void;
    const closed = new Promise<void>((resolve) => (close = resolve));
    const title = `${plain(message)}${action ? ` [${action.title}](command:${action.command})` : ''}`;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, () => closed);
    return { close };
  },

  async pickOne<T>(req: ChoiceRequest<T>) {
    const picked = await vscode.window.showQuickPick(choiceItems(req.items), {
      title: req.title,
      placeHolder: req.placeholder,
      matchOnDescription: req.matchOnDetails,
      matchOnDetail: req.matchOnDetails,
    });
    return picked?.value;
  },

  async pickMany<T>(req: ChoiceRequest<T>) {
    const picked = await vscode.window.showQuickPick(choiceItems(req.items), {
      title: req.title,
      placeHolder: req.placeholder,
      canPickMany: true,
      matchOnDescription: req.matchOnDetails,
      matchOnDetail: req.matchOnDetails,
    });
    return picked?.map((p) => p.value);
  },

  async pickExportFormat() {
    const picked = await vscode.window.showQuickPick(FORMAT_ITEMS, { title: 'Export Results: format', placeHolder: 'Pick a file format', ignoreFocusOut: true });
    return picked?.format;
  },

  async saveFile(req) {
    return vscode.window.showSaveDialog({ title: req.title, defaultUri: req.defaultUri, filters: req.filters, saveLabel: 'Export' });
  },

  progress(title, work) {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: plain(title), cancellable: true }, async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await work((message) => progress.report({ message }), abort.signal);
        } finally {
          sub.dispose();
        }
      }),
    );
  },
};


interface TypeItem extends vscode.QuickPickItem {
  /** '' = the person does not say which type is right. */
  value: string;
}

/** Step 1 of Mark as Wrong Type: a known type, a typed one, or none; undefined when cancelled. */
function pickCorrectType(req: WrongTypeRequest): Promise<string | undefined> {
  return new Promise<string | undefined>((resolve) => {
    const qp = vscode.window.createQuickPick<TypeItem>();
    qp.title = 'Mark as Wrong Type (1/2)';
    qp.placeholder = `Which type is right? It says “${plain(req.current)}”. Pick one, type one, or skip.`;
    qp.ignoreFocusOut = true;
    const skip: TypeItem = { label: 'Don’t say which type', description: 'mark as wrong only', value: '' };
    const known: TypeItem[] = req.types.filter((t) => t !== req.current).map((t) => ({ label: t, value: t }));
    const render = (typed: string) => {
      const t = typed.trim();
      const exact = known.some((k) => k.value === t);
      qp.items = [...(t && !exact ? [{ label: t, description: 'use this type', value: t, alwaysShow: true }] : []), skip, ...known];
    };
    let done = false;
    qp.onDidChangeValue(render);
    qp.onDidAccept(() => {
      const picked = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!picked) { return; }
      done = true;
      resolve(picked.value);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) { resolve(undefined); }
      qp.dispose();
    });
    render('');
    qp.show();
  });
}
