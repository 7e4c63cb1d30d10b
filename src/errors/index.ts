export * from './problem.js';
export { E, problem } from './catalogue.js';
export { formatProblem, formatLocation, codeFrame } from './format.js';
export { osProblem, outputProblem } from './io-error.js';
