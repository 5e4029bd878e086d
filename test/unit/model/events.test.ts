import * as assert from 'assert';
import { Emitter } from '../../../src/model/events';

describe('Emitter', () => {
  it('calls every listener with the value, stops calling a disposed one, and none after dispose', () => {
    const e = new Emitter<number>();
    const a: number[] = [];
    const b: number[] = [];
    const subA = e.event((v) => a.push(v));
    e.event((v) => b.push(v));
    e.fire(1);
    subA.dispose();
    e.fire(2);
    assert.deepStrictEqual(a, [1]);
    assert.deepStrictEqual(b, [1, 2]);
    e.dispose();
    e.fire(3);
    assert.deepStrictEqual(b, [1, 2]);
  });

  it('a listener that subscribes another during fire does not get this value twice', () => {
    const e = new Emitter<string>();
    const seen: string[] = [];
    e.event((v) => {
      seen.push(`first:${v}`);
      e.event((w) => seen.push(`late:${w}`));
    });
    e.fire('x');
    assert.deepStrictEqual(seen, ['first:x']);
  });
});
