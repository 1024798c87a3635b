import { describe, expect, test } from '@jest/globals';
import { parseLease } from '../../src/rotation/rotation-lease.js';

describe('parseLease', () => {
  test('reads the holder, the run and the times the tag names', () => {
    expect(
      parseLease(
        'run 0badc0de by arn:aws:sts::111122223333:assumed-role/Rotator/gh-123 from 2026-03-01T12:00:00Z until 2026-03-01T12:15:00Z',
      ),
    ).toEqual({
      run: '0badc0de',
      holder: 'arn:aws:sts::111122223333:assumed-role/Rotator/gh-123',
      from: new Date('2026-03-01T12:00:00Z'),
      until: new Date('2026-03-01T12:15:00Z'),
    });
  });

  test('anything else is no lease', () => {
    for (const value of [undefined, '', 'run x by y', 'run 1 by a from 2026-03-01T12:00:00Z until tomorrow'])
      expect(parseLease(value)).toBeUndefined();
  });
});
