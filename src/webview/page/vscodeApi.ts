// The part of the webview API the result page uses, typed against the protocol, so the page cannot post
// a message the host does not accept or persist more than the two IDs. The global itself,
// acquireVsCodeApi, is declared where it is called (result.ts): the only place the page touches it.
import type { PanelState, WebviewToHost } from '../protocol';

export interface VsCodeApi {
  /** Every message the page sends is a WebviewToHost. */
  postMessage(message: WebviewToHost): void;
  /** Only {jobId, resultId} (and review: true): enough for the serializer to fetch the rest again after a reload. */
  setState(state: PanelState): void;
}
