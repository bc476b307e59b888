// Reports of the class simulation (tools/bench/class.mjs): the block of one run in
// docs/benchmarks.md's "Class simulation" section, the summary printed at the end, the budget
// verdicts, and `--compare` of two runs' JSON.
import fs from 'node:fs';

export const SECTION = '## Class simulation';

/**
 * The class budgets, for 600 students on the 2-core machine (FerretDB on PostgreSQL, one
 * `APP_ROLE=all` process); stated in the method text below, which this file writes.
 */
export const BUDGET = {
  firstWordOverLlmMs: 500,
  wholeOverLlmMs: 1000,
  send202P99Ms: 150,
  dashboardP99Ms: 150,
  cpuPerRoundTripMs: 15,
};

const f0 = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');
const s2 = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : 'n/a');
const pass = (ok) => (ok ? '**PASS**' : '**FAIL**');
const load = (l) => l.map((n) => n.toFixed(2)).join(' / ');

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const errorCount = (r) => Object.values(r.errors).reduce((s, n) => s + n, 0);
const backendName = (r) => (r.backend === 'postgresql' ? 'PostgreSQL' : r.backend === 'sqlite' ? 'SQLite' : r.backend);
/** The window the CPU budget is judged on: the steady one when the run had one. */
const cpuOf = (r) => r.cpu.steady ?? r.cpu.session;

export function budgets(r) {
  const L = r.latencyMs;
  const llmFirst = r.scenario.llm.latencyMs;
  const errors = errorCount(r);
  const cpu = cpuOf(r);
  return [
    {
      name: 'First streamed word p99 (from the send)',
      target: `≤ LLM first token + ${BUDGET.firstWordOverLlmMs} ms = ${s2(llmFirst + BUDGET.firstWordOverLlmMs)} s`,
      measured: `${s2(L.firstWord.p99)} s (LLM + ${s2(L.firstWordOverLlm.p99)} s)`,
      pass: L.firstWord.n > 0 && L.firstWordOverLlm.p99 <= BUDGET.firstWordOverLlmMs,
    },
    {
      name: 'Whole answer p99 (from the send)',
      target: `≤ LLM's own time + ${s2(BUDGET.wholeOverLlmMs)} s`,
      measured: `${s2(L.whole.p99)} s (LLM + ${s2(L.wholeOverLlm.p99)} s)`,
      pass: L.whole.n > 0 && L.wholeOverLlm.p99 <= BUDGET.wholeOverLlmMs,
    },
    {
      name: 'Send → 202 p99',
      target: `< ${BUDGET.send202P99Ms} ms`,
      measured: `${f0(L.send202.p99)} ms`,
      pass: L.send202.n > 0 && L.send202.p99 < BUDGET.send202P99Ms,
    },
    {
      name: 'Dashboard GET p99',
      target: `< ${BUDGET.dashboardP99Ms} ms`,
      measured: `${f0(L.dashboard.p99)} ms`,
      pass: L.dashboard.n > 0 && L.dashboard.p99 < BUDGET.dashboardP99Ms,
    },
    {
      name: 'Errors, stuck turns, quota mismatches; every prompt answered',
      target: '0, 0, 0; all',
      measured: `${errors}, ${r.stuck ?? 'n/a'}, ${r.quota.mismatches ?? 'n/a'}; ${f0(r.counts.answered)} of ${f0(r.scenario.students * r.scenario.prompts)}`,
      pass:
        errors === 0 &&
        r.stuck === 0 &&
        r.quota.mismatches === 0 &&
        r.counts.answered === r.scenario.students * r.scenario.prompts,
    },
    {
      name: `CPU per prompt round trip, app + FerretDB + PostgreSQL + Redis (${r.cpu.steady ? 'steady' : 'session'} window)`,
      target: `≤ ${BUDGET.cpuPerRoundTripMs} ms`,
      measured: cpu ? `${f1(cpu.serverSideMs)} ms` : 'n/a',
      pass: !!cpu && cpu.serverSideMs <= BUDGET.cpuPerRoundTripMs,
    },
  ];
}

function errorsText(r) {
  const entries = Object.entries(r.errors).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([k, n]) => `\`${k}\` × ${f0(n)}`).join('; ') : 'none';
}

function settingsText(r) {
  const over = Object.entries(r.appEnv.overrides).map(([k, v]) => `\`${k}=${v.value}\` (${v.why})`);
  const given = Object.entries(r.appEnv.given).map(([k, v]) => `\`${k}=${v}\` (--app-env)`);
  const all = [...over, ...given];
  return all.length ? `defaults, except ${all.join('; ')}` : 'defaults (no rate limit had to be raised)';
}

const marker = (r) => `<!-- bench:class ${r.backend} ${r.scenario.students} ${r.label} -->`;
const END = '<!-- /bench:class -->';

export function runMarkdown(r) {
  const L = r.latencyMs;
  const c = r.counts;
  const sse = r.dashboard.sse;
  const sseEvents = Object.values(sse.events).reduce((s, n) => s + n, 0);
  const sseKinds = Object.entries(sse.events)
    .map(([k, n]) => `${k} ${f0(n)}`)
    .join(', ');
  const session = r.cpu.session;
  const steady = r.cpu.steady;
  const lg = r.loadGenerator.eventLoopDelayMs;
  const figures = table(
    ['Figure', 'Measured'],
    [
      [
        'Students signed in / streaming / finished',
        `${f0(c.studentsSignedIn)} / ${f0(c.studentsStarted)} / ${f0(c.studentsFinished)} of ${f0(r.scenario.students)}`,
      ],
      [
        'Prompts sent / accepted (202) / answered',
        `${f0(c.promptsSent)} / ${f0(c.promptsAccepted)} / ${f0(c.answered)}${c.answeredViaReload ? ` (${c.answeredViaReload} read after a stream cut)` : ''}; failed ${c.failed}, no answer ${c.timedOut}, retried by the worker ${c.retried}`,
      ],
      ['Wall time (first sign-in → last answer)', `${f1(r.wallS)} s`],
      ['Sign-in p50 / p99', `${f0(L.signIn.p50)} / ${f0(L.signIn.p99)} ms`],
      ['Send → 202 p50 / p99', `${f0(L.send202.p50)} / ${f0(L.send202.p99)} ms`],
      [
        'First word from the send p50 / p99',
        `${s2(L.firstWord.p50)} / ${s2(L.firstWord.p99)} s; minus the LLM's first token (${r.scenario.llm.latencyMs} ms): ${s2(L.firstWordOverLlm.p50)} / ${s2(L.firstWordOverLlm.p99)} s`,
      ],
      [
        'Whole answer from the send p50 / p99',
        `${s2(L.whole.p50)} / ${s2(L.whole.p99)} s; minus the LLM's own time (${s2(L.llmWhole.p50)} s for ${f0(c.answerTokens.p50)} tokens): ${s2(L.wholeOverLlm.p50)} / ${s2(L.wholeOverLlm.p99)} s`,
      ],
      [
        'Dashboard GET p50 / p99',
        `${f0(L.dashboard.p50)} / ${f0(L.dashboard.p99)} ms (${f0(L.dashboard.n)} polls every 2 s, ${f0(r.dashboard.bytesPerPoll / 1024)} KB each)`,
      ],
      [
        'Dashboard SSE events received',
        `${f0(sseEvents)} (${sseKinds}), ${mb(sse.bytes)} MB, ${f1(sseEvents / c.promptsAccepted)} per prompt; a change seen ${s2(sse.lagMs?.p50)} / ${s2(sse.lagMs?.p99)} s (p50 / p99) after it happened${sse.drops ? `; ${sse.drops} drops` : ''}`,
      ],
      [
        'Conversation SSE (all students)',
        `${f0(r.streams.opened)} opened, ${f0(Object.values(r.streams.drops).reduce((s, n) => s + n, 0))} drops, ${mb(r.streams.bytes)} MB; deltas per answer p50 ${f0(c.deltasPerAnswer.p50)}`,
      ],
      [
        'Errors by code',
        `${errorsText(r)}${c.resentAfterReset ? ` (and ${c.resentAfterReset} request(s) sent again after a reset on a reused keep-alive socket, as a browser does)` : ''}`,
      ],
      ['Stuck turns', r.checksFailed ? `not checked: ${r.checksFailed}` : `${f0(r.stuck)}`],
      [
        'Quota mismatches',
        r.checksFailed
          ? 'not checked (above)'
          : `${f0(r.quota.mismatches)} of ${f0(r.quota.checked)} students${r.quota.receivedDiffers ? `; ${r.quota.receivedDiffers} student(s) received a different number of answers than stored (a send whose 202 never came back)` : ''}`,
      ],
      ['App RSS at the end (peak)', `${f0(r.memory.appRssMb)} MB (${f0(r.memory.appPeakMb)} MB)`],
      [
        'Load generator',
        `${r.scenario.workers} student process(es): event-loop delay p99 ${lg.map((d) => f0(d.p99)).join(' / ')} ms (max ${lg.map((d) => f0(d.max)).join(' / ')}), ${(session?.workersCores ?? []).map(f2).join(' / ')} cores each over the session`,
      ],
    ],
  );
  const cpuRows = [
    ['app', 'app'],
    ['FerretDB', 'ferretdb'],
    ['PostgreSQL (this database’s backends)', 'postgres'],
    ['Redis (shared server: other work included)', 'redis'],
    ['fake LLM', 'fake llm'],
    ['load generator (all its processes)', 'load generator'],
  ]
    .filter(([, k]) => session && Number.isFinite(session.seconds[k]))
    .map(([name, k]) => [
      name,
      f1(session.seconds[k]),
      f1(session.perRoundTripMs[k]),
      steady ? f1(steady.perRoundTripMs[k]) : 'n/a',
    ]);
  if (session)
    cpuRows.push([
      '**app + FerretDB + PostgreSQL + Redis**',
      f1(['app', 'ferretdb', 'postgres', 'redis'].reduce((s, k) => s + (session.seconds[k] || 0), 0)),
      `**${f1(session.serverSideMs)}**`,
      steady ? `**${f1(steady.serverSideMs)}**` : 'n/a',
    ]);
  const cpu = session
    ? `CPU per prompt round trip (session: ${f1(session.wallS)} s, ${f0(session.roundTrips)} round trips, ${f2(session.coresOurs)} cores ours, ${f2(session.coresOthers)} other work${steady ? `; steady: ${f1(steady.wallS)} s, ${f0(steady.roundTrips)} round trips, ${f2(steady.coresOurs)} cores ours, ${f2(steady.coresOthers)} other work` : ''}):

${table(['Process', 'CPU s (session)', 'ms per round trip (session)', 'ms per round trip (steady)'], cpuRows)}`
    : 'CPU: no sample window (run too short).';
  const verdicts = table(
    ['Budget (600 students)', 'Target', 'Measured', 'Result'],
    budgets(r).map((b) => [b.name, b.target, b.measured, pass(b.pass)]),
  );
  const busy = Math.max(session?.coresOthers ?? 0, steady?.coresOthers ?? 0);
  return `${marker(r)}
### ${backendName(r)}, ${f0(r.scenario.students)} students — \`${r.label}\`

${r.date} · ${r.engine} · commit ${r.code.head} (server code, src/libs/config, as of ${r.code.serverCommit}${r.code.dirty ? ' with uncommitted changes' : ''}), dist built ${r.code.distAt} · Node ${r.machine.node}, ${r.machine.cores} × ${r.machine.cpu} · load average (1 / 5 / 15 min) ${load(r.load.before)} before, ${load(r.load.end)} at the end of the class.
${busy > 0.25 ? `\n> The machine was shared: other work used ${f2(busy)} core(s) on average while the class ran; absolute figures are pessimistic.\n` : ''}
App settings: ${settingsText(r)}. LLM alone, measured from the harness before the class: first token ${f0(r.llmAlone.firstMs)} ms, whole answer ${s2(r.llmAlone.wholeMs)} s (${r.llmAlone.pieces} pieces, ${r.llmAlone.tokens} tokens).

${figures}

${cpu}

${verdicts}
${END}`;
}

const METHOD = `${SECTION}

Generated by \`npm run bench:class\` (\`tools/bench/class.mjs\`): each run replaces the block of the same
backend, class size and code label below and leaves the rest of this file as it is (\`npm run bench\`
keeps this section when it rewrites the file).

A class as a school has it: N students signing in within 20 s (one sign-in at a random point of each
1/N slice of the window), each opening a conversation and its SSE stream (a ticket, then kept open for
the whole session, resumed with a new ticket and \`?lastEventId=\` after a cut), then sending 4 prompts
one at a time — each waits for its answer, then 3–12 s of thought (uniform) — while the teacher (an
admin) polls \`GET /hackathons/:id/dashboard\` every 2 s with the dashboard's SSE stream open. The LLM is
the fake one (\`test/support/fake-llm\`, \`--pieces tokens\`) streaming like a real model: first token after
500 ms, then one token every 25 ms, answers of ~120 tokens (\`[fake-llm:tokens=120]\`): ~3.5 s an answer.
The app is one \`APP_ROLE=all\` process (\`dist/src/main.js\`, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`) with
its default settings, on a fresh engine (FerretDB on a PostgreSQL database of its own, or on SQLite in a
temp folder) and a Redis prefix of its own; students are seeded in bulk through the driver with a bcrypt
hash at the app's cost, so every sign-in pays a real compare. The students run in child processes
(\`tools/bench/class-students.mjs\`, keep-alive \`node:http\` agents); their event-loop delay and CPU are
reported so the load generator is seen not to be the bottleneck.

- **First word** and **whole answer** run from the send (before its 202) to the first \`delta\` and to
  the \`message\` event of that messageId. "Minus the LLM" subtracts the fake LLM's nominal time: its
  first-token latency, and that plus one chunk delay per further token of the answer for the whole.
- **Errors**: every non-2xx answer (by route, status and code), every \`event: error\`, every answer not
  received within the answer timeout. **Stuck turns**: conversations whose \`pendingMessageId\` is still
  set after the class (\`GET /hackathons/:id/conversations\`). **Quotas**, through the API only: for each
  student, \`promptsUsed\` and \`tokensUsed\` of \`GET /hackathons/:id/participants\` against the assistant
  messages stored (\`GET /conversations/:id\` as admin: their number and the sum of their \`tokenCount\`),
  the answers the student received, and the user's \`tokensUsed\` (\`GET /users/:id\`).
- **CPU** per process from \`/proc/<pid>/stat\` sampled every 2 s (PostgreSQL: the server processes of the
  run's database, from \`pg_stat_activity\`; Redis: \`INFO cpu\` of the shared server, an upper bound),
  divided by the prompt round trips in the window, each counted for the share of its duration inside.
  "Session": first sign-in → last answer, sign-ins included (a bcrypt compare each); "steady": from the
  moment every student streams to the last answer: sends, streamed answers and dashboard updates.
- **Budgets** (600 students on this 2-core machine, FerretDB on PostgreSQL): first word p99 ≤ the LLM's
  first token + 0.5 s; whole answer p99 ≤ the LLM's own time + 1 s; send → 202 p99 < 150 ms; dashboard
  p99 < 150 ms; 0 errors, 0 stuck turns, quotas exact; CPU per prompt round trip, app + FerretDB +
  PostgreSQL + Redis, ≤ 15 ms (steady window). Smaller classes are judged against the same figures.
- Raw figures: \`.data/bench-class/<label>-<backend>-<N>.json\`; \`npm run bench:class -- --compare a.json b.json\`
  prints two runs side by side.
`;

/** The [start, end) offsets of the section headed `heading` (`## …`) in `text`, or null. */
export function sectionBoundsOf(text, heading) {
  const start = text.split('\n').reduce((at, line, i, lines) => {
    if (at >= 0 || line.trimEnd() !== heading) return at;
    return lines.slice(0, i).join('\n').length + (i ? 1 : 0);
  }, -1);
  if (start < 0) return null;
  const next = text.slice(start + heading.length).search(/^## /m);
  return [start, next < 0 ? text.length : start + heading.length + next];
}

/** The file's "Class simulation" section: [start, end) offsets, or null. */
export function sectionBounds(text) {
  return sectionBoundsOf(text, SECTION);
}

/** The sections other benches write (class simulation, automatic checks): `npm run bench` keeps them. */
export const KEPT_SECTIONS = [SECTION, '## Automatic checks'];

/** Writes `r`'s block into `file`'s "Class simulation" section; the rest of the file stays as it is. */
export function writeClassSection(file, r) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const bounds = sectionBounds(text);
  const section = bounds ? text.slice(bounds[0], bounds[1]) : '';
  // The runs already there, in their order; this one replaces its own or comes last.
  const blocks = [...section.matchAll(/<!-- bench:class [^\n]*? -->\n[\s\S]*?<!-- \/bench:class -->/g)].map(
    (m) => m[0],
  );
  const mine = blocks.findIndex((b) => b.startsWith(marker(r)));
  const block = runMarkdown(r);
  if (mine >= 0) blocks[mine] = block;
  else blocks.push(block);
  // Notes written by hand between <!-- bench:notes --> markers (a before/after summary) stay.
  const notes = /<!-- bench:notes -->\n[\s\S]*?<!-- \/bench:notes -->/.exec(section)?.[0];
  const body = `${METHOD}\n${notes ? `${notes}\n\n` : ''}${blocks.join('\n\n')}\n`;
  const out = bounds
    ? `${text.slice(0, bounds[0])}${body}${bounds[1] < text.length ? '\n' : ''}${text.slice(bounds[1])}`
    : `${text.replace(/\n*$/, '\n\n')}${body}`;
  fs.writeFileSync(file, out);
}

export function summaryLines(r) {
  const L = r.latencyMs;
  const cpu = cpuOf(r);
  return [
    `${backendName(r)}, ${r.scenario.students} élèves (${r.label}) : ${r.counts.answered}/${r.counts.promptsSent} réponses en ${f1(r.wallS)} s`,
    `  connexion p50/p99 ${f0(L.signIn.p50)}/${f0(L.signIn.p99)} ms · envoi→202 ${f0(L.send202.p50)}/${f0(L.send202.p99)} ms · premier mot ${s2(L.firstWord.p50)}/${s2(L.firstWord.p99)} s · réponse entière ${s2(L.whole.p50)}/${s2(L.whole.p99)} s · tableau de bord ${f0(L.dashboard.p50)}/${f0(L.dashboard.p99)} ms`,
    `  erreurs ${errorCount(r)} · tours bloqués ${r.stuck ?? 'non contrôlés'} · écarts de quota ${r.quota.mismatches ?? 'non contrôlés'} · CPU serveur ${cpu ? f1(cpu.serverSideMs) : 'n/a'} ms par aller-retour · RSS max ${f0(r.memory.appPeakMb)} Mo · charge ${load(r.load.before)} → ${load(r.load.end)}`,
    `  budgets : ${budgets(r)
      .map((b) => `${b.pass ? 'PASS' : 'FAIL'} ${b.name}`)
      .join(' · ')}`,
  ];
}

/** Two runs side by side: the figures that matter and b / a. */
export function compareRuns(a, b, names = ['a', 'b']) {
  const rows = [
    ['wall time (s)', (r) => r.wallS],
    ['answered', (r) => r.counts.answered],
    ['sign-in p50 (ms)', (r) => r.latencyMs.signIn.p50],
    ['sign-in p99 (ms)', (r) => r.latencyMs.signIn.p99],
    ['send → 202 p50 (ms)', (r) => r.latencyMs.send202.p50],
    ['send → 202 p99 (ms)', (r) => r.latencyMs.send202.p99],
    ['first word p50 (ms)', (r) => r.latencyMs.firstWord.p50],
    ['first word p99 (ms)', (r) => r.latencyMs.firstWord.p99],
    ['whole answer p50 (ms)', (r) => r.latencyMs.whole.p50],
    ['whole answer p99 (ms)', (r) => r.latencyMs.whole.p99],
    ['dashboard GET p50 (ms)', (r) => r.latencyMs.dashboard.p50],
    ['dashboard GET p99 (ms)', (r) => r.latencyMs.dashboard.p99],
    ['dashboard SSE events', (r) => Object.values(r.dashboard.sse.events).reduce((s, n) => s + n, 0)],
    ['dashboard SSE MB', (r) => r.dashboard.sse.bytes / 2 ** 20],
    ['dashboard SSE lag p99 (ms)', (r) => r.dashboard.sse.lagMs?.p99],
    ['errors', errorCount],
    ['stuck turns', (r) => r.stuck],
    ['quota mismatches', (r) => r.quota.mismatches],
    ...['app', 'ferretdb', 'postgres', 'redis', 'fake llm', 'load generator'].map((k) => [
      `CPU ms/round trip, ${k} (steady)`,
      (r) => cpuOf(r)?.perRoundTripMs[k],
    ]),
    ['CPU ms/round trip, server side (steady)', (r) => cpuOf(r)?.serverSideMs],
    ['CPU ms/round trip, server side (session)', (r) => r.cpu.session?.serverSideMs],
    ['app peak RSS (MB)', (r) => r.memory.appPeakMb],
    ['other work on the machine (cores)', (r) => r.cpu.session?.coresOthers],
  ];
  const head = (r, n) => `${n}: ${r.label}, ${r.backend}, ${r.scenario.students} students, ${r.date}`;
  return [
    head(a, names[0]),
    head(b, names[1]),
    '',
    table(
      ['figure', 'a', 'b', 'b / a'],
      rows.map(([name, get]) => {
        const [x, y] = [get(a), get(b)];
        const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? f0(v) : f2(v)) : 'n/a');
        return [name, fmt(x), fmt(y), Number.isFinite(x) && Number.isFinite(y) && x !== 0 ? `${f2(y / x)}x` : '—'];
      }),
    ),
  ].join('\n');
}
