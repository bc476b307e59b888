import { createHash } from 'node:crypto';
import { countTextTokens } from '../../../libs/ai-providers/token-counter';

/**
 * What the FAKE LLM does with one request, decided from the last user message:
 * - failure markers, tried in order, each for its first N attempts of that exact message
 *   (`*N`), or for every attempt without a count:
 *   `[fake-llm:429*1]`, `[fake-llm:500*2]` (any HTTP status), `[fake-llm:400]`,
 *   `[fake-llm:timeout*1]` (no answer until the client gives up),
 *   `[fake-llm:stall*1]` (streams a little, then nothing until the client gives up),
 *   `[fake-llm:garbage*1]` (a malformed JSON chunk in the stream),
 *   `[fake-llm:drop*1]` (the connection is cut mid-answer);
 * - `[fake-llm:slow=3000]`: this request waits 3 s before answering;
 * - `[fake-llm:tokens=800]`: an answer of about 800 tokens (still capped by max_tokens);
 * - `[fake-llm:nousage]`: no usage numbers in the answer, as some compatible servers do;
 * - `[fake-llm:overbill=5000]`: usage numbers that claim 5 000 more prompt tokens than were sent
 *   (a provider or proxy that bills more than the request holds).
 */

export type FakeFailure = { kind: 'status'; status: number } | { kind: 'timeout' | 'stall' | 'garbage' | 'drop' };

interface FailureStep {
  failure: FakeFailure;
  /** Attempts this step covers; Infinity without `*N`. */
  attempts: number;
}

export interface FakeScript {
  failures: FailureStep[];
  slowMs?: number;
  answerTokens?: number;
  noUsage: boolean;
  extraPromptTokens?: number;
}

const MARKER = /\[fake-llm:([a-z0-9]+)(?:\*(\d+)|=(\d+))?\]/gi;

export function readScript(lastUserMessage: string): FakeScript {
  const script: FakeScript = { failures: [], noUsage: false };
  for (const [, rawName, count, value] of lastUserMessage.matchAll(MARKER)) {
    const name = rawName.toLowerCase();
    const attempts = count === undefined ? Infinity : Number(count);
    if (/^\d{3}$/.test(name)) script.failures.push({ failure: { kind: 'status', status: Number(name) }, attempts });
    else if (name === 'timeout' || name === 'stall' || name === 'garbage' || name === 'drop')
      script.failures.push({ failure: { kind: name }, attempts });
    else if (name === 'slow' && value !== undefined) script.slowMs = Number(value);
    else if (name === 'tokens' && value !== undefined) script.answerTokens = Number(value);
    else if (name === 'nousage') script.noUsage = true;
    else if (name === 'overbill' && value !== undefined) script.extraPromptTokens = Number(value);
  }
  return script;
}

export function hasFailures(script: FakeScript): boolean {
  return script.failures.length > 0;
}

/** The failure of the `attempt`-th (1-based) request with this script, or undefined: answer normally. */
export function failureForAttempt(script: FakeScript, attempt: number): FakeFailure | undefined {
  let left = attempt;
  for (const step of script.failures) {
    if (left <= step.attempts) return step.failure;
    left -= step.attempts;
  }
  return undefined;
}

export function withoutMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s+/g, ' ').trim();
}

const SENTENCES = [
  'Voici une réponse générée pour tester la plateforme.',
  'Ce texte ne vient d’aucun modèle réel.',
  'Chaque phrase est choisie à partir de votre message, toujours de la même façon.',
  'Un vrai modèle tiendrait compte de la température et du contexte.',
  'Reformulez la consigne pour obtenir une autre réponse.',
  'La longueur de cette réponse respecte la limite de tokens demandée.',
  'Pensez à préciser le rôle, le format et les contraintes attendus.',
  'Un exemple concret aide souvent le modèle à mieux comprendre.',
  'Découpez une tâche complexe en étapes courtes et vérifiables.',
  'Demandez au modèle de justifier sa réponse pour mieux la juger.',
];

export interface FakeAnswer {
  /** The pieces streamed one after another; joined, the whole answer. */
  pieces: string[];
  text: string;
  completionTokens: number;
  finishReason: 'stop' | 'length';
}

// Small seeded generator: the same prompt always gets the same answer.
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_PER_PIECE = 4;

/**
 * How an answer is cut into streamed pieces: `words`, 4 words a piece (the default the tests
 * know); `tokens`, one piece per token as a real model streams (a word of k tokens is cut into
 * k slices of its characters, fewer when it has fewer characters), for the class benchmark
 * (tools/bench/class.mjs).
 */
export type FakePieces = 'words' | 'tokens';

/** A word of `cost` tokens as `cost` slices of characters (at most one slice per character). */
function tokenSlices(word: string, cost: number): string[] {
  const chars = Array.from(word);
  const n = Math.max(1, Math.min(cost, chars.length));
  return Array.from({ length: n }, (_, k) =>
    chars.slice(Math.floor((k * chars.length) / n), Math.floor(((k + 1) * chars.length) / n)).join(''),
  );
}

/**
 * A deterministic answer to `prompt` (every message of the request) for `model`: it quotes
 * the last user message, then adds sentences picked by a generator seeded with the prompt,
 * until `targetTokens` is reached at a sentence end (30 to 70 when not given), never beyond
 * `maxTokens` (then `finish_reason` is `length`).
 */
export function fakeAnswer(
  model: string,
  prompt: string,
  lastUserMessage: string,
  targetTokens: number | undefined,
  maxTokens: number,
  piecing: FakePieces = 'words',
): FakeAnswer {
  const random = seededRandom(`${model}\n${prompt}`);
  const target = targetTokens ?? 30 + Math.floor(random() * 41);
  const quoted = withoutMarkers(lastUserMessage);
  const excerpt = quoted.length > 80 ? `${quoted.slice(0, 77)}...` : quoted;
  const words = `Réponse simulée par le faux LLM (${model}) à « ${excerpt || '…'} ».`.split(' ');

  // cl100k_base cuts text before each space, so a word counted with its leading space
  // costs exactly what it costs inside the text: the sum is the answer's token count.
  const pieces: string[] = [];
  let tokens = 0;
  let finishReason: 'stop' | 'length' = 'stop';
  let current = '';
  let wordsInPiece = 0;
  for (let i = 0; ; i += 1) {
    // Stops at a sentence end once the target is reached, or before the word that would pass max_tokens.
    if (i === words.length) {
      if (tokens >= target) break;
      words.push(...SENTENCES[Math.floor(random() * SENTENCES.length)].split(' '));
    }
    const word = i === 0 ? words[i] : ` ${words[i]}`;
    const cost = countTextTokens(word);
    if (tokens + cost > maxTokens) {
      finishReason = 'length';
      break;
    }
    tokens += cost;
    if (piecing === 'tokens') {
      pieces.push(...tokenSlices(word, cost));
      continue;
    }
    current += word;
    wordsInPiece += 1;
    if (wordsInPiece === WORDS_PER_PIECE) {
      pieces.push(current);
      current = '';
      wordsInPiece = 0;
    }
  }
  if (current) pieces.push(current);
  let text = pieces.join('');
  let completionTokens = countTextTokens(text);
  // Belt and braces, should a piece boundary ever count differently: never exceed max_tokens.
  while (completionTokens > maxTokens && pieces.length > 0) {
    pieces.pop();
    text = pieces.join('');
    completionTokens = countTextTokens(text);
    finishReason = 'length';
  }
  return { pieces, text, completionTokens, finishReason };
}
