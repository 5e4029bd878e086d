import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/** Every .ts file under `dir`, as paths relative to `root`. */
function tsFiles(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) { return tsFiles(root, rel); }
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

describe('layering', () => {
  it('src/api, src/model and src/export import no vscode', () => {
    const root = path.resolve(__dirname, '../../../src');
    const offenders: string[] = [];
    const checked: string[] = [];
    for (const dir of ['api', 'model', 'export']) {
      for (const file of tsFiles(root, dir)) {
        checked.push(file);
        const text = fs.readFileSync(path.join(root, file), 'utf8');
        if (/from ['"]vscode['"]|require\(['"]vscode['"]\)|import\(['"]vscode['"]\)/.test(text)) { offenders.push(file); }
      }
    }
    assert.ok(checked.includes(path.join('api', 'client.ts')), `looked in the wrong place: ${root}`);
    assert.deepStrictEqual(offenders, []);
  });
});
