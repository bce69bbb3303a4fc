/**
 * Remembers the secret values handed to runtimes and blanks them out of text
 * that leaves the plugin, such as a provider's error message that echoes the
 * API key it was given.
 *
 * @internal
 */
export class SecretRedactor {
  private readonly values = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  remember(value: string): string {
    if (value.length >= 4) {
      this.values.delete(value);
      this.values.add(value);
      if (this.values.size > this.capacity) {
        this.values.delete(this.values.values().next().value as string);
      }
    }
    return value;
  }

  redact(text: string): string {
    let result = text;
    for (const value of this.values) {
      if (result.includes(value)) result = result.split(value).join('***');
    }
    return result;
  }
}
