// A benchmark's settings from the environment.

/**
 * The number in environment variable `name`, or `fallback` when it is unset
 * or empty. Anything but a non-negative number (an integer with
 * `{ integer: true }`) stops the benchmark with an error naming the variable.
 */
export function envNumber(name, fallback, { integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const ok = integer ? Number.isInteger(value) : Number.isFinite(value);
  if (!ok || value < 0) {
    throw new Error(
      `${name} must be a non-negative ${
        integer ? 'integer' : 'number'
      }, got '${raw}'`,
    );
  }
  return value;
}
