import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTestApp, TestApp } from './support/test-app';

const committed = () => JSON.parse(readFileSync(resolve(__dirname, '../docs/openapi.json'), 'utf8'));

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the committed docs/openapi.json (npm run openapi, from the built code)', async () => {
    const served = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(served).toEqual(committed());
  });
});
