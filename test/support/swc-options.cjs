/** How TypeScript is compiled for tests: jest and the child processes of the process tests use the same options. */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    // Nest's injection needs decorator metadata, which tsx/esbuild does not emit.
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
