#!/usr/bin/env node
// Moves every user-facing string that package.json contributes into package.nls.json and puts its
// %key% in its place, so VS Code (and the marketplace) can show a translation:
//   node scripts/nls.js        (idempotent: strings already %key% are left alone; run after adding a
//                               command, setting, view or walkthrough step, then commit both files)
// Keys follow the manifest: command.<id>, config.<setting>.<field>, view.<id>, walkthrough.<id>.<step>…
// test/unit/l10n.test.ts checks that every %key% resolves and that no literal string is left.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PKG = path.join(ROOT, 'package.json');
const NLS = path.join(ROOT, 'package.nls.json');
const pkg = JSON.parse(fs.readFileSync(PKG, 'utf8'));
const nls = fs.existsSync(NLS) ? JSON.parse(fs.readFileSync(NLS, 'utf8')) : {};

const short = (id) => id.replace(/^llamaClassify\./, '');
let moved = 0;

/** Replaces obj[field] by %key% (and records the string) unless it is a %key% already. */
function localize(obj, field, key) {
  const value = obj?.[field];
  if (typeof value !== 'string' || /^%[^%]+%$/.test(value)) { return; }
  if (nls[key] !== undefined && nls[key] !== value) { throw new Error(`nls key ${key} already holds a different string`); }
  nls[key] = value;
  obj[field] = `%${key}%`;
  moved++;
}

localize(pkg, 'displayName', 'displayName');
localize(pkg, 'description', 'description');
const c = pkg.contributes;
const containerTitles = {};
for (const vc of c.viewsContainers?.activitybar ?? []) {
  containerTitles[vc.id] = vc.title;
  localize(vc, 'title', `viewsContainer.${short(vc.id)}.title`);
}
for (const [container, views] of Object.entries(c.views ?? {})) {
  for (const v of views) {
    // a view named like its container shares its key, so the header never reads "X: Y" in any language
    const same = containerTitles[container] !== undefined && v.name === containerTitles[container];
    localize(v, 'name', same ? `viewsContainer.${short(container)}.title` : `view.${short(v.id)}.name`);
    localize(v, 'contextualTitle', `view.${short(v.id)}.contextualTitle`);
  }
}
(c.viewsWelcome ?? []).forEach((w, i) => localize(w, 'contents', `viewsWelcome.${short(w.view)}.${i}`));
for (const cmd of c.commands ?? []) {
  localize(cmd, 'title', `command.${short(cmd.command)}.title`);
  localize(cmd, 'category', 'command.category'); // one category for all
}
const configs = Array.isArray(c.configuration) ? c.configuration : [c.configuration].filter(Boolean);
for (const conf of configs) {
  localize(conf, 'title', 'config.title');
  for (const [id, prop] of Object.entries(conf.properties ?? {})) {
    const k = `config.${short(id)}`;
    for (const f of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'patternErrorMessage']) { localize(prop, f, `${k}.${f}`); }
    for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) {
      (prop[f] ?? []).forEach((_, i) => localize(prop[f], i, `${k}.${f}.${i}`));
    }
  }
}
for (const w of c.walkthroughs ?? []) {
  const k = `walkthrough.${w.id}`;
  localize(w, 'title', `${k}.title`);
  localize(w, 'description', `${k}.description`);
  for (const s of w.steps ?? []) {
    localize(s, 'title', `${k}.${s.id}.title`);
    localize(s, 'description', `${k}.${s.id}.description`);
    if (s.media) { localize(s.media, 'altText', `${k}.${s.id}.altText`); }
  }
}

fs.writeFileSync(PKG, JSON.stringify(pkg, null, 2) + '\n');
fs.writeFileSync(NLS, JSON.stringify(nls, null, 2) + '\n');
console.log(`nls: ${moved} string(s) moved to package.nls.json (${Object.keys(nls).length} in all)`);
