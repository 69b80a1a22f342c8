/**
 * Corpus text can carry terminal control sequences (an OSC title change, CSI colours, a bell);
 * printed raw they act on the reader's terminal. Human output shows them instead, as \xNN:
 * every C0 control except the newline and tab that lay out our own lines, DEL, and C1.
 * `oneLine` escapes newline and tab too: for a cell of a tab-separated row, or an error line.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROLS_ONE_LINE = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };

const visible = (c: string): string => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

export function escapeControls(text: string, opts: { oneLine?: boolean } = {}): string {
  return text.replace(opts.oneLine ? CONTROLS_ONE_LINE : CONTROLS, visible);
}

/**
 * JSON.stringify escapes C0 but leaves DEL and C1 raw; outside strings JSON is plain ASCII, so
 * writing them as \u00NN changes no parsed value and keeps --json safe on a terminal too.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
