// Review marks on tree rows: a marked result gets the mark's icon (a tick or a cross) and says it in its
// description and screen-reader label; a job row counts what is left to review and what is wrong.
import * as vscode from 'vscode';
import { markText, type ReviewMark } from '../model/reviewMarks';

/** Replaces the band icon of a marked result with the mark's; the band stays readable in the description. */
export function decorateResult(item: vscode.TreeItem, mark: ReviewMark | undefined): vscode.TreeItem {
  if (!mark) { return item; }
  const text = markText(mark);
  item.iconPath =
    mark.verdict === 'correct'
      ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
      : new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  item.description = [item.description, mark.verdict === 'correct' ? '✓ correct' : '✗ wrong'].filter(Boolean).join(' · ');
  if (item.accessibilityInformation) { item.accessibilityInformation = { label: `${item.accessibilityInformation.label}, reviewed: ${text}` }; }
  if (item.tooltip instanceof vscode.MarkdownString) {
    item.tooltip.appendMarkdown('\n\nReview: ').appendText(text);
    if (mark.note) { item.tooltip.appendMarkdown('\n\nNote: ').appendText(mark.note); }
  }
  return item;
}

/** Appends "17 to review · 5 wrong" to a job row's description and label. */
export function decorateJob(item: vscode.TreeItem, summary: string): vscode.TreeItem {
  if (!summary) { return item; }
  item.description = [item.description, summary].filter(Boolean).join(' · ');
  if (item.accessibilityInformation) { item.accessibilityInformation = { label: `${item.accessibilityInformation.label}, ${summary}` }; }
  if (item.tooltip instanceof vscode.MarkdownString) { item.tooltip.appendMarkdown('\n\nReview: ').appendText(summary); }
  return item;
}
