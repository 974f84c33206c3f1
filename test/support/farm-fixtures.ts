/** The demo's request bodies are the end-to-end tests' fixtures too: one story, told twice. */
export * from '../../apps/api/src/demo/demo-fixtures';
