import { describe, expect, it } from 'vitest';
import { ConfigurationError, revealSecretOption, Secret } from './index.js';

/** What `revealSecretOption` threw for `value` (undefined when it returned). */
function refusal(value: unknown): unknown {
  try {
    revealSecretOption(value, 'clientSecret');
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('revealSecretOption', () => {
  it('returns the text of a string, a Secret, or a Secret-like value from another copy', () => {
    expect(revealSecretOption('key-value', 'secretKey')).toBe('key-value');
    expect(revealSecretOption(new Secret('key-value'), 'secretKey')).toBe('key-value');
    expect(revealSecretOption({ reveal: () => 'key-value' }, 'secretKey')).toBe('key-value');
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an empty string', ''],
    ['an empty Secret', new Secret('')],
    ['a Secret-like value that reveals no string', { reveal: () => 7 }],
    ['a plain object', { value: 'key-value' }],
  ])('refuses %s, naming the option', (_, value) => {
    const error = refusal(value);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: 'clientSecret' });
    expect(String(error)).toContain('a non-empty string (or Secret)');
  });

  it('refuses a Secret-like value whose reveal() throws, without the thrown message', () => {
    const throwing = {
      reveal: () => {
        throw new Error('cannot read key-value');
      },
    };
    const throwingGetter = Object.defineProperty({}, 'reveal', {
      get: () => {
        throw new Error('cannot read key-value');
      },
    });
    for (const value of [throwing, throwingGetter]) {
      const error = refusal(value);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ option: 'clientSecret' });
      expect(String(error)).toContain('reveal() threw');
      expect(JSON.stringify(error)).not.toContain('key-value');
      expect((error as Error).cause).toBeUndefined();
    }
  });

  it('refuses surrounding whitespace with a hint, and never shows the value', () => {
    for (const value of ['key-value\n', new Secret(' key-value')]) {
      const error = refusal(value);
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = String(error);
      expect(message).toContain('trailing newline');
      expect(message).not.toContain('key-value');
      expect(JSON.stringify(error)).not.toContain('key-value');
    }
  });
});
