/**
 * A small RFC 4180 reader for the test helpers: the header and rows of a CSV text, quoted fields
 * may hold commas, doubled quotes and line breaks; a UTF-8 BOM and CRLF are accepted; an empty
 * field is null (as the Bronze contract keeps it).
 */
export function parseCsv(text: string): { header: string[]; rows: Array<Array<string | null>> } {
  const records: Array<Array<string | null>> = [];
  let record: Array<string | null> = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field === '' ? null : field);
    field = '';
    quoted = false;
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '' && !quoted) {
      inQuotes = true;
      quoted = true;
    } else if (ch === ',') {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push(record);
      record = [];
    } else {
      field += ch;
    }
  }
  if (field !== '' || record.length > 0) {
    endField();
    records.push(record);
  }
  const [header, ...rows] = records;
  return { header: header.map((h) => h ?? ''), rows };
}
