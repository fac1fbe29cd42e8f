/**
 * The password rule, one module for both sides: at least 12 and at most 200
 * characters, and strong enough by the zxcvbn estimator with its common and
 * English dictionaries (which include the most common passwords).
 *
 * The estimator and its dictionaries weigh about a megabyte, so the console
 * loads this module on demand (import()) and never in the first download; the
 * server loads it once and keeps it.
 */
// A named import: it resolves both in Node (the CommonJS build) and in the console's bundle (the ES build).
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { maxPasswordLength, minPasswordLength } from './password-rules.ts';

/** zxcvbn scores 0–4; 3 means "safely unguessable: moderate protection from offline attacks". */
export const minPasswordScore = 3;

export type PasswordVerdict = {
  ok: boolean;
  /** 0 (too guessable) … 4 (very unguessable) */
  score: number;
  /** Why it is refused, or null when it is fine. */
  problem: string | null;
  suggestions: string[];
};

let estimator: ZxcvbnFactory | undefined;

function getEstimator() {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** `userInputs`: the person's email, name, organization: a password made of them is weak. */
export function judgePassword(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < minPasswordLength) {
    return { ok: false, score: 0, problem: `Use at least ${minPasswordLength} characters.`, suggestions: [] };
  }
  if (password.length > maxPasswordLength) {
    return { ok: false, score: 0, problem: `Use at most ${maxPasswordLength} characters.`, suggestions: [] };
  }
  const inputs = userInputs.flatMap((input) => [input, ...input.split(/[^\p{L}\p{N}]+/u)]).filter(Boolean);
  // The estimator's cost grows with length; beyond 100 characters the first 100 decide.
  const result = getEstimator().check(password.slice(0, 100), inputs);
  const ok = result.score >= minPasswordScore;
  return {
    ok,
    score: result.score,
    problem: ok ? null : (result.feedback.warning ?? 'This password is too easy to guess.'),
    suggestions: ok ? [] : result.feedback.suggestions,
  };
}
