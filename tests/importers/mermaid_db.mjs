// Mermaid's own parser for the tests: mermaid.min.js (npm mermaid, fetched by `make test`) in
// jsdom (which gives DOMPurify the window it needs), no browser. Reads one JSON string per line on
// stdin (a diagram's text) and answers one JSON object per line on stdout:
//   {"ok": false, "error": "..."}  or  {"ok": true, "type": "journey", "title": ..., "accDescr": ...,
//   "sections": [{"name": "S" | null, "tasks": [[name, score, [actors]]]}]}
// Names are as a reader sees them: Mermaid's entity placeholders decoded to characters.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const cache = process.argv[2];
const { JSDOM } = createRequire(path.join(cache, 'node', 'package.json'))('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only' });
new vm.Script(fs.readFileSync(path.join(cache, 'mermaid.min.js'), 'utf8')).runInContext(dom.getInternalVMContext());
const mermaid = dom.window.mermaid;
mermaid.initialize({ startOnLoad: false, logLevel: 'fatal' });

function decode(s) {
  if (typeof s !== 'string') return s;
  return s
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (all, name) => {
      const t = dom.window.document.createElement('textarea');
      t.innerHTML = `&${name};`;
      return t.value === `&${name};` ? all : t.value;
    });
}

// Record the calls the jison grammar makes on the journey db (the db is shared between parses).
const warm = await mermaid.mermaidAPI.getDiagramFromText('journey\n a: 1\n');
let events = [];
for (const name of ['setDiagramTitle', 'setAccDescription', 'addSection', 'addTask']) {
  const orig = warm.db[name];
  warm.db[name] = function (...args) {
    events.push([name, ...args]);
    return orig.apply(this, args);
  };
}

async function check(text) {
  let type;
  try {
    type = (await mermaid.parse(text)).diagramType;
  } catch (e) {
    return { ok: false, error: String(e.message ?? e).split('\n').slice(0, 4).join(' | ') };
  }
  if (type !== 'journey') return { ok: true, type };
  events = [];
  const d = await mermaid.mermaidAPI.getDiagramFromText(text, {});
  const tasks = d.db.getTasks();
  const sections = [];
  let i = 0;
  for (const e of events) {
    if (e[0] === 'addSection') sections.push({ name: decode(e[1]), tasks: [] });
    if (e[0] === 'addTask') {
      if (!sections.length) sections.push({ name: null, tasks: [] });
      const t = tasks[i++];
      sections.at(-1).tasks.push([decode(t.task), Number.isNaN(t.score) ? null : t.score, t.people.map(decode)]);
    }
  }
  const last = (name) => events.filter((e) => e[0] === name).map((e) => e[1]).pop() ?? null;
  return { ok: true, type, title: decode(last('setDiagramTitle')), accDescr: decode(last('setAccDescription')), sections };
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  process.stdout.write(JSON.stringify(await check(JSON.parse(line))) + '\n');
}
