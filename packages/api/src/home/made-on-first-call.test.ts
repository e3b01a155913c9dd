import { describe, expect, it } from 'vitest';
import { madeOnFirstCall } from './made-on-first-call.js';

interface Greeter {
  greet(name: string): Promise<string>;
  count(): Promise<number>;
}

function counted(fail = 0) {
  let made = 0;
  const make = async (): Promise<Greeter> => {
    made++;
    if (made <= fail) throw new Error('import failed');
    let calls = 0;
    return { greet: async (name) => `hello ${name}`, count: async () => ++calls };
  };
  return { make, made: () => made };
}

describe('madeOnFirstCall', () => {
  it('makes nothing until a method is called, then makes the adapter once for every call, concurrent ones too', async () => {
    const factory = counted();
    const port = madeOnFirstCall<Greeter>({ greet: true, count: true }, factory.make);
    expect(factory.made()).toBe(0);
    expect(await Promise.all([port.greet('Ada'), port.greet('Grace'), port.count()])).toEqual(['hello Ada', 'hello Grace', 1]);
    expect(await port.count()).toBe(2);
    expect(factory.made()).toBe(1);
  });

  it('tries again on the next call after making the adapter failed', async () => {
    const factory = counted(1);
    const port = madeOnFirstCall<Greeter>({ greet: true, count: true }, factory.make);
    await expect(port.greet('Ada')).rejects.toThrow('import failed');
    expect(await port.greet('Ada')).toBe('hello Ada');
    expect(factory.made()).toBe(2);
  });
});
