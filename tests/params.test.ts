import { describe, expect, it } from 'vitest';

import { visiblePages } from '@/components/layout/pagination';
import { parsePageParam } from '@/lib/params';

describe('parsePageParam', () => {
  it('accepts canonical positive integers only', () => {
    expect(parsePageParam('1')).toBe(1);
    expect(parsePageParam('42')).toBe(42);
    for (const value of ['0', '-1', '01', '1.0', '1e3', 'abc', '', ' 2', '9999999', '２']) {
      expect(parsePageParam(value), value).toBeNull();
    }
  });
});

describe('visiblePages', () => {
  it('shows the ends and the neighbourhood of the current page, with gaps', () => {
    expect(visiblePages(1, 1)).toEqual([1]);
    expect(visiblePages(1, 4)).toEqual([1, 2, 3, 4]);
    expect(visiblePages(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(visiblePages(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});
