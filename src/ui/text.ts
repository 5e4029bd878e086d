// Text for notifications. Imports no `vscode`, so it is unit tested.

/**
 * Notifications turn `[text](link)` into links, command: links included. Messages can carry text
 * from the server (an error's detail), so break that pattern: remote text never becomes a link.
 */
export function plain(message: string): string {
  return message.replace(/\]\s*\(/g, '] (');
}
