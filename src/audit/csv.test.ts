import { describe, expect, it } from 'vitest';
import { samplePayload } from '../testing/backupFixture';
import { AUDIT_CSV_COLUMNS, auditToCsv, csvField } from './csv';

describe('audit CSV', () => {
  it('quotes and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });
  it('writes a header and one row per record', () => {
    const [a] = samplePayload().audit;
    const csv = auditToCsv([a, { ...a, id: 'a2', note: '' }]);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0].split(',')).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(lines[1]).toContain('1970-01-01T00:00:00.005Z');
    expect(lines[1]).toContain('"ID checked, ""ok"", =1+1"');
    expect(lines[1]).toContain('0.500000 0.250000');
    // The reference the verdict hung on, and the verdict on all references (the record's verdict is refer).
    expect(lines[1]).toContain(',teller,,,,2,genuine,');
    // Orientation advice: the turn and the verdict turned back, where a rejection hung on the page's angle.
    const advised = auditToCsv([{ ...a, verdict: 'forged', rotateDeg: -9.7, turnedVerdict: 'genuine' }]).trimEnd().split('\r\n')[1];
    expect(advised).toContain(',teller,,-9.7,genuine,');
    // A broader pen: the ratio of its stroke width to the references', before the note.
    const broad = auditToCsv([{ ...a, broaderPen: 2.63 }]).trimEnd().split('\r\n')[1];
    expect(broad).toContain(',2,genuine,2.63,');
  });
});
