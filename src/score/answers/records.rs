//! Byte-level reading of big CSV files: the header (delimiter, BOM), plain lines split with
//! memchr (the fast path, which can run on any byte range that starts at a line), and a
//! quote-aware streaming reader for files that need it. Both give the same records: the
//! fields a caller asked for, trimmed, with the line each record starts on.

use crate::diag::Problem;
use memchr::{memchr, memchr2};
use std::io::{self, Read};

/// The longest record the answers readers hold in memory (as for tables: see
/// `load::csv_dialect::MAX_LINE_BYTES`); a longer one is an error, not a bigger buffer.
pub const MAX_RECORD_BYTES: usize = crate::load::csv_dialect::MAX_LINE_BYTES;

/// A record longer than `MAX_RECORD_BYTES`, starting at this byte offset of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordTooLong {
    pub offset: u64,
}

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "baris lebih panjang dari {} KiB", MAX_RECORD_BYTES >> 10)
    }
}

impl std::error::Error for RecordTooLong {}

impl RecordTooLong {
    pub fn error(offset: u64) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, RecordTooLong { offset })
    }
}

/// Marks a column nobody asked for.
pub const UNUSED: u8 = u8::MAX;

/// What the header line says about a CSV file.
#[derive(Debug, Clone)]
pub struct CsvLayout {
    /// `,` `;` or tab: whichever splits the header line most often (outside quotes).
    pub delimiter: u8,
    /// Header names, trimmed and lower-cased.
    pub headers: Vec<String>,
    /// Byte offset of the first line after the header.
    pub data_start: u64,
    /// The line number of the first line after the header.
    pub first_data_line: u64,
}

/// The fast path does not apply: the data has a `"`, so fields may be quoted and lines may
/// not be records. The caller reads the file again with `QuotedReader`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsQuotes;

/// Reads the header from the start of a file (`head`: its first bytes, or all of it).
pub fn sniff(head: &[u8], file: &str) -> Result<CsvLayout, Problem> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(
            Problem::error(file, "file berformat UTF-16, bukan CSV UTF-8")
                .line(1)
                .hint("simpan ulang dari spreadsheet sebagai \"CSV UTF-8\""),
        );
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let rest = &head[bom..];
    let (line, data_start) = match memchr(b'\n', rest) {
        Some(end) => (&rest[..end], bom + end + 1),
        None if head.len() >= HEAD_BYTES => {
            return Err(Problem::error(
                file,
                "baris judul kolom terlalu panjang atau tanpa akhir baris",
            )
            .line(1)
            .hint("baris pertama harus berisi nama kolom, diakhiri baris baru"))
        }
        None => (rest, head.len()),
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if memchr(b'\r', line).is_some() {
        return Err(
            Problem::error(file, "baris diakhiri CR saja (format Mac lama)")
                .line(1)
                .hint("simpan ulang sebagai CSV UTF-8 dengan akhir baris LF atau CRLF"),
        );
    }
    let delimiter = detect_delimiter(line);
    let headers: Vec<String> = split_quoted_line(line, delimiter)
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_lowercase())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(
            Problem::error(file, "file kosong atau tanpa baris judul kolom")
                .line(1)
                .hint("baris pertama harus berisi nama kolom"),
        );
    }
    Ok(CsvLayout {
        delimiter,
        headers,
        data_start: data_start as u64,
        first_data_line: 2,
    })
}

/// How many bytes of a file `sniff` needs at most.
pub const HEAD_BYTES: usize = 64 * 1024;

fn detect_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// One line's fields with quotes removed (`""` inside quotes is one `"`).
fn split_quoted_line(line: &[u8], delimiter: u8) -> Vec<Vec<u8>> {
    let mut fields = vec![Vec::new()];
    let mut quoted = false;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        let field = fields.last_mut().expect("one field");
        if quoted {
            if b == b'"' && line.get(i + 1) == Some(&b'"') {
                field.push(b'"');
                i += 1;
            } else if b == b'"' {
                quoted = false;
            } else {
                field.push(b);
            }
        } else if b == b'"' && field.is_empty() {
            quoted = true;
        } else if b == delimiter {
            fields.push(Vec::new());
        } else {
            field.push(b);
        }
        i += 1;
    }
    fields
}

/// Which record field each file column fills: `slots[column]` is a field index or `UNUSED`.
#[derive(Debug, Clone)]
pub struct FieldMap {
    pub slots: Vec<u8>,
    /// The file column of each field, for spreadsheet-style places in messages.
    pub columns: Vec<usize>,
}

impl FieldMap {
    /// Maps `wanted` field names to the header's columns; the names of missing ones in `Err`.
    pub fn new(headers: &[String], wanted: &[&str]) -> Result<FieldMap, Vec<String>> {
        let mut slots = vec![UNUSED; headers.len()];
        let mut columns = Vec::with_capacity(wanted.len());
        let mut missing = Vec::new();
        for (slot, name) in wanted.iter().enumerate() {
            match headers.iter().position(|h| h == name) {
                Some(column) => {
                    slots[column] = slot as u8;
                    columns.push(column);
                }
                None => missing.push(name.to_string()),
            }
        }
        if missing.is_empty() {
            Ok(FieldMap { slots, columns })
        } else {
            Err(missing)
        }
    }
}

/// A record as the scanners hand it over: the wanted fields, trimmed (empty when the line is
/// short), and whether the line had a non-empty cell beyond the header's columns.
pub struct Record<'r, 'a, const N: usize> {
    pub line: u64,
    pub fields: &'r [&'a [u8]; N],
    pub extra: bool,
}

/// ASCII spaces and tabs (and a CR) around a field.
#[inline]
pub fn trim(field: &[u8]) -> &[u8] {
    let mut f = field;
    while let [first, rest @ ..] = f {
        if matches!(first, b' ' | b'\t' | b'\r') {
            f = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = f {
        if matches!(last, b' ' | b'\t' | b'\r') {
            f = rest;
        } else {
            break;
        }
    }
    f
}

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The high bit of every byte of `word` that equals the byte of `pattern` (`byte × ONES`);
/// exact, with no carries between bytes.
#[inline(always)]
pub(super) fn matches(word: u64, pattern: u64) -> u64 {
    let x = word ^ pattern;
    !(((x & LOW7) + LOW7) | x) & !LOW7
}

/// Splits whole lines of plain CSV (no `"` anywhere in `block`; the caller checks) into
/// records, skipping blank ones. The last line may lack its newline. `first_line` is the
/// line number of the block's first line; returns the number of newlines in `block`.
///
/// Separators (delimiter and newline) are found eight bytes at a time with bit masks, so a
/// line of five short fields costs a few word operations instead of a branch per byte.
#[inline]
pub fn scan_plain<'a, const N: usize>(
    block: &'a [u8],
    delimiter: u8,
    map: &FieldMap,
    first_line: u64,
    mut sink: impl FnMut(Record<'_, 'a, N>),
) -> u64 {
    struct State<'a, const N: usize> {
        fields: [&'a [u8]; N],
        start: usize,
        column: usize,
        extra: bool,
        line: u64,
    }
    let slots = map.slots.as_slice();
    let mut state = State::<N> {
        fields: [&[]; N],
        start: 0,
        column: 0,
        extra: false,
        line: first_line,
    };
    // One separator at `pos`: ends a field, and a line when it is a newline (or the end).
    let mut separator = |state: &mut State<'a, N>, pos: usize, newline: bool| {
        let field = &block[state.start..pos];
        match slots.get(state.column) {
            Some(&slot) if slot != UNUSED => state.fields[slot as usize] = trim(field),
            Some(_) => {}
            None => state.extra |= !trim(field).is_empty(),
        }
        state.start = pos + 1;
        if !newline {
            state.column += 1;
            return;
        }
        // Columns the line did not reach read as empty.
        for &slot in slots.iter().skip(state.column + 1) {
            if slot != UNUSED {
                state.fields[slot as usize] = &[];
            }
        }
        if state.extra || state.fields.iter().any(|f| !f.is_empty()) {
            sink(Record {
                line: state.line,
                fields: &state.fields,
                extra: state.extra,
            });
        }
        state.line += 1;
        state.column = 0;
        state.extra = false;
    };
    let newline_pattern = u64::from(b'\n') * ONES;
    let delimiter_pattern = u64::from(delimiter) * ONES;
    let mut words = block.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        let newlines = matches(word, newline_pattern);
        let mut all = newlines | matches(word, delimiter_pattern);
        while all != 0 {
            let bit = all.trailing_zeros();
            separator(
                &mut state,
                base + bit as usize / 8,
                newlines & (1 << bit) != 0,
            );
            all &= all - 1;
        }
        base += 8;
    }
    for (i, &byte) in words.remainder().iter().enumerate() {
        if byte == b'\n' || byte == delimiter {
            separator(&mut state, base + i, byte == b'\n');
        }
    }
    if state.start < block.len() || state.column > 0 {
        separator(&mut state, block.len(), true);
        state.line -= 1;
    }
    state.line - first_line
}

/// Streaming reader of CSV with quoted fields (RFC 4180 as spreadsheets write it: `"a,b"`,
/// `""` for a quote, newlines inside quotes). Sequential; memory is one buffer that grows
/// only to the longest record.
pub struct QuotedReader<R> {
    inner: R,
    delimiter: u8,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Line number of the next unread byte.
    line: u64,
    /// Unquoted text of the current record's fields, and where each field ends in it.
    text: Vec<u8>,
    ends: Vec<usize>,
    /// Byte offset in the file of `buf[0]`.
    offset: u64,
}

/// What parsing one record from the buffer gave.
enum Parsed {
    /// A record ending at this buffer offset, spanning this many newlines.
    Record { next: usize, newlines: u64 },
    /// The buffer ends inside the record: read more.
    Incomplete,
}

impl<R: Read> QuotedReader<R> {
    pub fn new(inner: R, delimiter: u8, first_line: u64) -> Self {
        QuotedReader {
            inner,
            delimiter,
            buf: vec![0; 1 << 20],
            start: 0,
            end: 0,
            eof: false,
            line: first_line,
            text: Vec::new(),
            ends: Vec::new(),
            offset: 0,
        }
    }

    /// Says where in the file the reader starts (for the offset of a too-long record).
    pub fn starting_at(mut self, offset: u64) -> Self {
        self.offset = offset;
        self
    }

    /// Reads the next non-blank record; returns the line it starts on.
    pub fn next_record(&mut self) -> io::Result<Option<u64>> {
        loop {
            if self.start == self.end && self.eof {
                return Ok(None);
            }
            match self.parse() {
                Parsed::Record { next, newlines } => {
                    let line = self.line;
                    self.line += newlines;
                    self.start = next;
                    let blank = (0..self.ends.len()).all(|i| self.field(i).is_empty());
                    if !blank {
                        return Ok(Some(line));
                    }
                }
                Parsed::Incomplete => self.fill()?,
            }
        }
    }

    /// Line number of the next unread byte (after the last record: the file's line count
    /// plus the first line number).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Number of fields in the current record.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// A field of the current record, trimmed.
    pub fn field(&self, index: usize) -> &[u8] {
        // A short record (fewer fields than asked for) reads as empty fields.
        let Some(&to) = self.ends.get(index) else {
            return &[];
        };
        let from = if index == 0 { 0 } else { self.ends[index - 1] };
        trim(&self.text[from..to])
    }

    fn fill(&mut self) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.offset += self.start as u64;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= MAX_RECORD_BYTES {
                return Err(RecordTooLong::error(self.offset));
            }
            self.buf
                .resize((self.buf.len() * 2).min(MAX_RECORD_BYTES), 0);
        }
        let n = self.inner.read(&mut self.buf[self.end..])?;
        if n == 0 {
            self.eof = true;
        }
        self.end += n;
        Ok(())
    }

    fn parse(&mut self) -> Parsed {
        self.text.clear();
        self.ends.clear();
        let buf = &self.buf[..self.end];
        let d = self.delimiter;
        let mut i = self.start;
        let mut newlines = 0;
        loop {
            // At the start of a field.
            if i < buf.len() && buf[i] == b'"' {
                i += 1;
                loop {
                    let Some(q) = memchr(b'"', &buf[i..]).map(|q| i + q) else {
                        if !self.eof {
                            return Parsed::Incomplete;
                        }
                        // Unterminated quote: the rest of the file is the field.
                        newlines += count_newlines(&buf[i..]);
                        self.text.extend_from_slice(&buf[i..]);
                        i = buf.len();
                        break;
                    };
                    newlines += count_newlines(&buf[i..q]);
                    self.text.extend_from_slice(&buf[i..q]);
                    if q + 1 == buf.len() && !self.eof {
                        return Parsed::Incomplete;
                    }
                    if buf.get(q + 1) == Some(&b'"') {
                        self.text.push(b'"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            }
            // Unquoted text (or what follows a closing quote) up to the delimiter or line end.
            match memchr2(d, b'\n', &buf[i..]).map(|p| i + p) {
                Some(p) => {
                    self.text.extend_from_slice(&buf[i..p]);
                    self.ends.push(self.text.len());
                    if buf[p] == b'\n' {
                        return Parsed::Record {
                            next: p + 1,
                            newlines: newlines + 1,
                        };
                    }
                    i = p + 1;
                }
                None if self.eof => {
                    self.text.extend_from_slice(&buf[i..]);
                    self.ends.push(self.text.len());
                    return Parsed::Record {
                        next: buf.len(),
                        newlines,
                    };
                }
                None => return Parsed::Incomplete,
            }
        }
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    const WANTED: [&str; 3] = ["npsn", "butir", "jawaban"];

    type Owned = (u64, Vec<String>, bool);

    fn text(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).into_owned()
    }

    /// Records of a whole file through the fast path.
    fn plain(file: &[u8]) -> (CsvLayout, Vec<Owned>) {
        let layout = sniff(file, "t.csv").unwrap();
        let map = FieldMap::new(&layout.headers, &WANTED).unwrap();
        let data = &file[layout.data_start as usize..];
        assert!(memchr(b'"', data).is_none());
        let mut out = Vec::new();
        scan_plain::<3>(data, layout.delimiter, &map, layout.first_data_line, |r| {
            out.push((r.line, r.fields.iter().map(|f| text(f)).collect(), r.extra))
        });
        (layout, out)
    }

    /// Records of a whole file through the quote-aware reader (tiny buffer refills included).
    fn quoted(file: &[u8]) -> Vec<Owned> {
        let layout = sniff(file, "t.csv").unwrap();
        let map = FieldMap::new(&layout.headers, &WANTED).unwrap();
        let data = &file[layout.data_start as usize..];
        let mut reader = QuotedReader::new(data, layout.delimiter, layout.first_data_line);
        reader.buf = vec![0; 4];
        let mut out = Vec::new();
        while let Some(line) = reader.next_record().unwrap() {
            let fields = map.columns.iter().map(|&c| text(reader.field(c))).collect();
            let extra = (map.slots.len()..reader.len()).any(|i| !reader.field(i).is_empty());
            out.push((line, fields, extra));
        }
        out
    }

    #[test]
    fn short_records_read_as_empty_fields() {
        let data: &[u8] = b"\"a\",b,c\nd\n";
        let mut reader = QuotedReader::new(data, b',', 2);
        reader.buf = vec![0; 4];
        reader.next_record().unwrap();
        assert_eq!(reader.field(2), b"c");
        reader.next_record().unwrap();
        assert_eq!(
            (reader.field(0), reader.field(1), reader.field(4)),
            (&b"d"[..], &b""[..], &b""[..])
        );
    }

    #[test]
    fn over_long_quoted_records_are_refused_in_bounded_memory() {
        let head: &[u8] = b"\"a\",b\n\"unterminated";
        let data = io::Read::chain(head, io::Read::take(io::repeat(b'x'), 1 << 30));
        let mut reader = QuotedReader::new(data, b',', 2).starting_at(100);
        reader.next_record().unwrap();
        let err = reader.next_record().unwrap_err();
        let too_long = err
            .get_ref()
            .and_then(|e| e.downcast_ref::<RecordTooLong>());
        assert_eq!(too_long, Some(&RecordTooLong { offset: 106 }));
        assert!(reader.buf.len() <= MAX_RECORD_BYTES);
    }

    fn rec(line: u64, fields: [&str; 3]) -> Owned {
        (line, fields.iter().map(|f| f.to_string()).collect(), false)
    }

    #[test]
    fn plain_lines_with_crlf_bom_and_blank_lines() {
        let file = b"\xEF\xBB\xBFNPSN ,peran,butir,jawaban\r\n10000001,guru,B1,A\r\n\r\n10000001, guru ,B2,C\r\n";
        let (layout, records) = plain(file);
        assert_eq!(layout.delimiter, b',');
        assert_eq!(layout.headers, ["npsn", "peran", "butir", "jawaban"]);
        assert_eq!(
            records,
            [
                rec(2, ["10000001", "B1", "A"]),
                rec(4, ["10000001", "B2", "C"])
            ]
        );
        assert_eq!(quoted(file), records);
    }

    #[test]
    fn separators_are_found_in_every_byte_of_a_word() {
        let word = u64::from_le_bytes(*b",a,\n,,b\n");
        let commas = matches(word, u64::from(b',') * ONES);
        let newlines = matches(word, u64::from(b'\n') * ONES);
        let bytes = |mask: u64| {
            (0..8)
                .filter(|i| mask & (0x80 << (8 * i)) != 0)
                .collect::<Vec<_>>()
        };
        assert_eq!(bytes(commas), [0, 2, 4, 5]);
        assert_eq!(bytes(newlines), [3, 7]);
        assert_eq!(
            matches(
                u64::from_le_bytes(*b"\x80\xff\x00\x01\x7f,\xac,"),
                u64::from(b',') * ONES
            ),
            0x80 << 40 | 0x80 << 56
        );
    }

    #[test]
    fn long_and_short_lines_across_word_boundaries() {
        let mut file = String::from("npsn,butir,jawaban\n");
        let mut want = Vec::new();
        for i in 0..40 {
            let npsn = "1".repeat(i % 13 + 1);
            let butir = "B".repeat(i % 7);
            file.push_str(&format!("{npsn},{butir},{}\n", i % 3));
            want.push(rec(i as u64 + 2, [&npsn, &butir, &(i % 3).to_string()]));
        }
        assert_eq!(plain(file.as_bytes()).1, want);
    }

    #[test]
    fn semicolon_and_tab_delimiters_and_a_missing_last_newline() {
        let (layout, records) = plain(b"npsn;butir;jawaban\n1;B1;A\n2;B2;");
        assert_eq!(layout.delimiter, b';');
        assert_eq!(records, [rec(2, ["1", "B1", "A"]), rec(3, ["2", "B2", ""])]);
        let (layout, records) = plain(b"jawaban\tbutir\tnpsn\nA\tB1\t1\n");
        assert_eq!(layout.delimiter, b'\t');
        assert_eq!(records, [rec(2, ["1", "B1", "A"])]);
    }

    #[test]
    fn short_lines_read_as_empty_fields_and_extra_cells_are_flagged() {
        let (_, records) = plain(b"npsn,butir,jawaban\n1,B1\n2,B2,A,x\n3,B3,A,\n");
        assert_eq!(records[0], rec(2, ["1", "B1", ""]));
        assert!(records[1].2, "a non-empty fourth cell");
        assert!(!records[2].2, "an empty fourth cell is nothing");
    }

    #[test]
    fn quoted_fields_give_the_same_records_as_plain_ones() {
        let plain_file = b"npsn,butir,jawaban\n10000001,B1,A\n10000001,B2,C\n";
        let quoted_file =
            b"\"npsn\",\"butir\",\"jawaban\"\r\n\"10000001\",\"B1\",\"A\"\r\n10000001,\"B2\",C\r\n";
        let (_, expected) = plain(plain_file);
        assert_eq!(quoted(quoted_file), expected);
    }

    #[test]
    fn quotes_keep_delimiters_newlines_and_doubled_quotes() {
        let file = b"npsn,butir,jawaban\n\"1\",\"B,1\",\"a \"\"x\"\"\nb\"\n\n2,B2,A\n3,B\"3,A";
        assert_eq!(
            quoted(file),
            [
                rec(2, ["1", "B,1", "a \"x\"\nb"]),
                rec(5, ["2", "B2", "A"]),
                rec(6, ["3", "B\"3", "A"]),
            ]
        );
    }

    #[test]
    fn header_problems_are_named() {
        assert!(sniff(b"\xFF\xFEn\0", "u.csv")
            .unwrap_err()
            .message
            .contains("UTF-16"));
        assert!(sniff(b"npsn,butir\r1,B\r", "m.csv")
            .unwrap_err()
            .message
            .contains("CR"));
        assert!(sniff(b"\n1,2\n", "e.csv")
            .unwrap_err()
            .message
            .contains("kosong"));
        let missing = FieldMap::new(&["npsn".to_string()], &WANTED).unwrap_err();
        assert_eq!(missing, ["butir", "jawaban"]);
    }

    #[test]
    fn quoted_header_with_delimiters_inside() {
        let layout = sniff(b"\"a;b\",npsn,butir,jawaban\n", "q.csv").unwrap();
        assert_eq!(layout.delimiter, b',');
        assert_eq!(layout.headers[0], "a;b");
    }
}
