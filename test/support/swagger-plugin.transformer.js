// ts-jest runs no Nest CLI plugin: this hands the @nestjs/swagger plugin, with the options of
// nest-cli.json, to ts-jest (jest.config.js astTransformers), so the app under test builds the
// same OpenAPI document as `nest build` (test/openapi.e2e-spec.ts compares it to docs/openapi.json).
// The plugin needs the type checker: the e2e project compiles with a program (no isolatedModules).
const plugin = require('@nestjs/swagger/plugin');
const nestCli = require('../../nest-cli.json');

const options = nestCli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger').options;

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
