import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs the tests on Node 24, the Lambda runtime, through the pinned `node` dev dependency', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
