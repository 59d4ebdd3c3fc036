/**
 * A document's main date: the date it was written, reported, issued or signed. Every date in the
 * text is a candidate (numeric day-first or month-first, ISO, or with a month name in English,
 * Italian, French, German, Spanish or Portuguese); each is scored by what stands before it on its
 * line and where it is: "Milano, 14/09/2026" or "Date of report:" argue for it, "born", "expiry",
 * "admitted" or "next appointment" against it. The best wins; among equals, the latest.
 */

const MONTH_NAMES: Record<number, readonly string[]> = {
  1: ['january', 'jan', 'gennaio', 'gen', 'janvier', 'janv', 'januar', 'enero', 'ene', 'janeiro'],
  2: ['february', 'feb', 'febbraio', 'fevrier', 'fevr', 'fev', 'februar', 'febrero', 'fevereiro'],
  3: ['march', 'mar', 'marzo', 'mars', 'marz', 'maerz', 'mrz', 'marco'],
  4: ['april', 'apr', 'aprile', 'avril', 'avr', 'abril', 'abr'],
  5: ['may', 'maggio', 'mag', 'mai', 'mayo', 'maio'],
  6: ['june', 'jun', 'giugno', 'giu', 'juin', 'juni', 'junio', 'junho'],
  7: ['july', 'jul', 'luglio', 'lug', 'juillet', 'juil', 'juli', 'julio', 'julho'],
  8: ['august', 'aug', 'agosto', 'ago', 'aout'],
  9: ['september', 'sep', 'sept', 'settembre', 'set', 'septembre', 'septiembre', 'setiembre', 'setembro'],
  10: ['october', 'oct', 'ottobre', 'ott', 'octobre', 'oktober', 'okt', 'octubre', 'outubro', 'out'],
  11: ['november', 'nov', 'novembre', 'noviembre', 'novembro'],
  12: ['december', 'dec', 'dicembre', 'dic', 'decembre', 'dezember', 'dez', 'diciembre', 'dezembro'],
};
const MONTHS = new Map(Object.entries(MONTH_NAMES).flatMap(([m, names]) => names.map((n) => [n, Number(m)])));
const MONTH = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

/** Just before a date: it is not the document's date. */
const AGAINST: readonly (readonly [RegExp, number])[] = [
  [
    /\b(birth|born|dob|d\.o\.b|nat[oa]|nato\/a|nascita|nee?|naissance|geb|geboren|geburtsdatum|nacimiento|nacid[oa]|nascimento|age)\b/,
    -8,
  ],
  [
    /\b(expir\w*|expiry|scadenza|scade|valid\w*|validita|gultig\w*|caducidad|validade|until|fino al|bis)\b/,
    -6,
  ],
  [
    /\b(admit\w*|admission|doa|ricover\w*|ingresso|accettazione|ricevimento|ricezione|received|receipt date|eingang|eingegangen|recepcion|recebido|aufnahme|ingreso|admissao|hospitalise\w*|dal|from|du|vom|von|desde)\b/,
    -3,
  ],
  [
    /\b(next|prossim\w*|follow-up|follow up|controllo|appointment|appuntamento|rendez-vous|prochain\w*|termin|proxim\w*|scheduled|previst\w*|planned|entro|by)\b/,
    -4,
  ],
  [/\b(collected|sampling|prelievo|preleve\w*|entnahme|colheita|extraccion|sample)\b/, -1],
  [/\b(del|of|dated|vom|du|de|do|da)\s*:?\s*$/, -1],
];

/** Just before a date: it is the document's date, the more specific the label the more so. */
const FOR: readonly (readonly [RegExp, number])[] = [
  [
    /\b(date of (the )?report|report date|reported|reported on|authori[sz]ed|verified|refertato|refertazione|data (del )?referto|data di refertazione|data refertazione|befunddatum|befund vom|fecha del informe|fecha de informe|data do relatorio|compte rendu|valide\w*|edite\w*|date of issue|issued|issue date|data (di )?rilascio|rilasciat\w*|emess\w*|data di emissione|date de delivrance|delivre\w*|ausgestellt|fecha de expedicion|data de emissao|discharge date|date of discharge|discharged|dod|data (di )?dimissione|dimess\w*|dimissione|date de sortie|entlassung\w*|fecha de alta|data de alta|alta|date of (surgery|operation|procedure|intervention)|procedure date|surgery date|data (dell )?intervento|data dell intervento|date de l intervention|op-datum|operationsdatum|fecha de (la )?intervencion|data da cirurgia|date of (service|visit|consultation|exam|examination|study)|date of summary|dos|data (della )?visita|data (dell )?esame|data esame|data do exame|exam date|study date|untersuchungsdatum|untersuchung vom|fecha de consulta|fecha del estudio|fecha de exploracion|data della consulenza|dictated|seduta|data e ora operazione|rev\. \d+|4a\.?)\b[^0-9]{0,12}$/,
    4,
  ],
  [/\b(signed|firmato|firma|signature|unterschrift|firmado|assinado|signe)\b[^0-9]{0,40}$/, 3],
  [/\b(date|data|datum|fecha|dated|luogo e data|place and date|ort, datum)\s*:?\s*$/, 2],
  [/\b(printed|stampat\w*|stampa|typed|gedruckt|imprime)\b[^0-9]{0,12}$/, 1],
];

/** "Milano, 14/09/2026", "Lyon, le 3 mars 2026", "Evanston, Illinois, on": a letter's place and date. */
const PLACE_AND_DATE =
  /(?:^|: ?)[a-z][a-z' .-]{1,30}(?:, ?[a-z][a-z' .-]{1,20})?, ?(?:li|le|den|a|el|em|il|am|on)? ?$/;

function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return dt.toISOString().slice(0, 10);
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

interface Match {
  index: number;
  end: number;
  /** Numeric day/month that only the other order makes valid, or both orders valid. */
  numeric?: { a: number; b: number; y: number };
  date?: string;
}

/** Every date-looking thing in a normalised text, in order of position. */
function matches(text: string): Match[] {
  const out: Match[] = [];
  const push = (m: RegExpExecArray, date: string | undefined) => {
    if (date) out.push({ index: m.index, end: m.index + m[0].length, date });
  };
  for (const m of text.matchAll(/(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-]?\d)/g)) {
    push(m, isoDate(+m[1]!, +m[2]!, +m[3]!));
  }
  for (const m of text.matchAll(/(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-]?\d)/g)) {
    out.push({
      index: m.index,
      end: m.index + m[0].length,
      numeric: { a: +m[1]!, b: +m[3]!, y: fullYear(m[4]!) },
    });
  }
  // "20 11 2025", as identity cards print it.
  for (const m of text.matchAll(/(?<![\d/.-] ?)\b(\d{2}) (\d{2}) (\d{4})\b(?! ?\d)/g)) {
    push(m, isoDate(+m[3]!, +m[2]!, +m[1]!));
  }
  const named = new RegExp(
    `\\b(\\d{1,2})(?:st|nd|rd|th|o|er)?\\.?[ /-]?(?:de )?(${MONTH})\\.?,?[ /-]?(?:de |del )?(\\d{4})\\b`,
    'g',
  );
  for (const m of text.matchAll(named)) push(m, isoDate(+m[3]!, MONTHS.get(m[2]!)!, +m[1]!));
  const monthFirst = new RegExp(`\\b(${MONTH})\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b`, 'g');
  for (const m of text.matchAll(monthFirst)) push(m, isoDate(+m[3]!, MONTHS.get(m[1]!)!, +m[2]!));
  return out.sort((a, b) => a.index - b.index);
}

export interface DateCandidate {
  date: string;
  score: number;
}

/** Every date of a normalised text with its score as the document's date. */
export function dateCandidates(text: string): DateCandidate[] {
  const found = matches(text);
  // Month first (US) when some numeric date can only be read that way and none only day first.
  const onlyMonthFirst = found.some((f) => f.numeric && f.numeric.b > 12 && f.numeric.a <= 12);
  const onlyDayFirst = found.some((f) => f.numeric && f.numeric.a > 12 && f.numeric.b <= 12);
  const monthFirst = onlyMonthFirst && !onlyDayFirst;
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let at = 0;
  for (const l of lines) {
    lineStarts.push(at);
    at += l.length + 1;
  }
  const lineOf = (index: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const candidates: DateCandidate[] = [];
  let previousEnd = -1;
  for (const f of found) {
    if (f.index < previousEnd) continue;
    previousEnd = f.end;
    const n = f.numeric;
    const date =
      f.date ??
      (n &&
        (monthFirst
          ? (isoDate(n.y, n.a, n.b) ?? isoDate(n.y, n.b, n.a))
          : (isoDate(n.y, n.b, n.a) ?? isoDate(n.y, n.a, n.b))));
    if (!date) continue;
    const line = lineOf(f.index);
    const lineText = lines[line]!;
    // What precedes the date on its line, back to the previous date: that is what labels it.
    const sameLine = text
      .slice(lineStarts[line]!, f.index)
      .replace(/^.*\d{4}\b/, '')
      .slice(-60);
    const after = text.slice(f.end, lineStarts[line]! + lineText.length);
    // A date alone on its line (a time may follow) is labelled by the line above, if by anything.
    const alone = !/[a-z]{2}/.test(sameLine) && !/[a-z]{3}/.test(after);
    const before = alone && line > 0 && !/\d/.test(lines[line - 1]!) ? `${lines[line - 1]} ` : sameLine;
    let score = alone ? 2 : 0;
    for (const [re, w] of AGAINST) if (re.test(before)) score += w;
    const label = FOR.find(([re]) => re.test(before));
    if (label) score += label[1];
    if (PLACE_AND_DATE.test(sameLine.trimStart())) score += 5;
    if (line < 12 || line >= lines.length - 8) score += 1;
    candidates.push({ date, score });
  }
  return candidates;
}

/** The document's main date (YYYY-MM-DD) from its normalised text, when it has one. */
export function documentDateOf(text: string): string | undefined {
  const candidates = dateCandidates(text);
  if (!candidates.length) return undefined;
  const latest = candidates
    .map((c) => c.date)
    .sort()
    .at(-1);
  let best: DateCandidate | undefined;
  for (const c of candidates) {
    const score = c.score + (c.date === latest ? 1 : 0);
    if (!best || score > best.score || (score === best.score && c.date > best.date)) best = { ...c, score };
  }
  return best!.score < 0 ? undefined : best!.date;
}
