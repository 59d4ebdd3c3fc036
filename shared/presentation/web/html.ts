/** Escaping HTML by construction: every interpolated value is escaped unless wrapped in raw(). */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export class Raw {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted markup (already escaped, or produced by `html`). */
export function raw(value: string): Raw {
  return new Raw(value);
}

function interpolate(value: unknown): string {
  if (value instanceof Raw) return value.value;
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === false || value === null || value === undefined) return '';
  return escapeHtml(value);
}

/** A tagged template that escapes its values; arrays of `html` fragments are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += interpolate(v) + strings[i + 1]!;
  });
  return new Raw(out);
}
