/** Learned categorisation: features, the built-in prior, and the per-user naive Bayes model. */
export * from './features';
export * from './lexicon';
export * from './model';
