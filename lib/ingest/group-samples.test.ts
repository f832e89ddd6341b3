import { describe, expect, it } from 'vitest';
import { groupSamples } from './group-samples';

describe('groupSamples', () => {
  it('groups webdataset members by key, sorted, ignoring other files', () => {
    const names = ['000000010.json', '000000002.txt', '000000002.JPG', '000000010.txt', '000000002.json', '00000.parquet', '._000000002.jpg', 'README', '000000003.cls'];
    expect(groupSamples(names)).toEqual([
      { key: '000000002', image: '000000002.JPG', imageExt: 'jpg', txt: '000000002.txt', json: '000000002.json' },
      { key: '000000010', image: null, imageExt: null, txt: '000000010.txt', json: '000000010.json' },
    ]);
  });

  it('keeps folder prefixes in the key and picks images deterministically', () => {
    expect(groupSamples(['d/1.webp', 'd/1.png', 'd/1.txt'])).toEqual([{ key: 'd/1', image: 'd/1.png', imageExt: 'png', txt: 'd/1.txt', json: null }]);
  });
});
