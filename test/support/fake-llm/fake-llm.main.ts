import type { FakePieces } from './fake-llm.script';
import { startFakeLlm } from './fake-llm.server';

/**
 * `npm run fake-llm [-- --port 4010 --latency 0 --chunk-delay 0 --pieces words|tokens --verbose]`: runs the FAKE
 * LLM server alone (local runs without API keys, benchmarks) and prints
 * `FAKE_LLM_URL=http://127.0.0.1:<port>` on stdout once it listens. Point the app at it
 * with AI_FAKE=true, OPENAI_BASE_URL=<url>/v1 and MISTRAL_SERVER_URL=<url>.
 * Port: --port, else FAKE_LLM_PORT, else PORT, else a free one. `--pieces tokens` streams one
 * piece per token, as a real model does (default `words`: 4 words a piece).
 */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fake-llm: ${name} doit être un entier >= 0 (reçu « ${value} »)\n`);
    process.exit(2);
  }
  return n;
}

function pieces(value: string | undefined): FakePieces | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'words' || value === 'tokens') return value;
  process.stderr.write(`fake-llm: pieces doit être words ou tokens (reçu « ${value} »)\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const fake = await startFakeLlm({
    port: number(option(args, 'port') ?? process.env.FAKE_LLM_PORT ?? process.env.PORT, 'port') ?? 0,
    host: option(args, 'host') ?? process.env.FAKE_LLM_HOST,
    latencyMs: number(option(args, 'latency') ?? process.env.FAKE_LLM_LATENCY_MS, 'latency'),
    chunkDelayMs: number(option(args, 'chunk-delay') ?? process.env.FAKE_LLM_CHUNK_DELAY_MS, 'chunk-delay'),
    pieces: pieces(option(args, 'pieces') ?? process.env.FAKE_LLM_PIECES),
    // A long-running server must not keep every request of a benchmark.
    maxLoggedRequests: 200,
    log: verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  process.stdout.write(`FAKE_LLM_URL=${fake.url}\n`);

  const stop = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-llm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
