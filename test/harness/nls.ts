// package.json with its %key% strings replaced from package.nls.json: what VS Code shows in English.
// Tests that check titles (exact contract names) read this, not the raw manifest.
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../../..'); // out/test/harness -> the repo

export function readNls(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
}

/** Every "%key%" string (anywhere in the manifest) replaced by its English text; throws on an unknown key. */
export function localizedManifest(): any {
  const nls = readNls();
  const raw = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  return JSON.parse(raw, (_key, value) => {
    if (typeof value !== 'string') { return value; }
    const m = /^%([^%]+)%$/.exec(value);
    if (!m) { return value; }
    if (!(m[1] in nls)) { throw new Error(`package.json uses %${m[1]}%, which package.nls.json does not define`); }
    return nls[m[1]];
  });
}
