//! The plain-CSV scanner for answers files whose columns are exactly `npsn, peran, responden,
//! butir, jawaban`, as exports write them. Consecutive lines of one respondent start with the
//! same bytes (`11010001,guru,3,`), so a line that repeats the previous line's first three
//! fields is checked against them as one prefix and only its last two fields are split. Any
//! other line goes through a general split of one line. The records handed over are those
//! `records::scan_plain` gives for the same bytes (a test compares them on varied input).

use super::records::{matches, trim, ONES};
use memchr::memchr;

/// Splits whole lines of plain CSV with five columns (no `"` anywhere in `block`; the caller
/// checks) into records of trimmed fields, skipping blank lines, as `scan_plain` with the
/// five answer fields in file order. `sink` gets a record's line and fields, then `Row`.
/// Returns the number of newlines in `block`.
pub fn scan_repeating(
    block: &[u8],
    delimiter: u8,
    first_line: u64,
    mut sink: impl FnMut(u64, &[&[u8]; 5], Row),
) -> u64 {
    let mut line = first_line;
    let mut pos = 0;
    // The previous line's bytes through its third delimiter (start, length; length 0: none),
    // and its first three fields.
    let mut prefix = (0, 0);
    let mut head: [&[u8]; 3] = [&[]; 3];
    while pos < block.len() {
        if prefix.1 > 0 && repeats(block, prefix, pos) {
            let start = pos + prefix.1;
            if let Some((delimiter_at, end)) = last_two(block, start, delimiter) {
                let butir = trim(&block[start..delimiter_at]);
                if !butir.is_empty() {
                    let jawaban = trim(&block[delimiter_at + 1..end]);
                    sink(
                        line,
                        &[head[0], head[1], head[2], butir, jawaban],
                        Row::Repeat,
                    );
                    if end < block.len() {
                        line += 1;
                    }
                    pos = end + 1;
                    continue;
                }
            }
        }
        let end = memchr(b'\n', &block[pos..]).map_or(block.len(), |n| pos + n);
        let text = &block[pos..end];
        let mut fields: [&[u8]; 5] = [&[]; 5];
        let mut extra = false;
        let mut third_end = None;
        for (column, field) in text.split(|&b| b == delimiter).enumerate() {
            match fields.get_mut(column) {
                Some(slot) => *slot = trim(field),
                None => extra |= !trim(field).is_empty(),
            }
            if column == 2 {
                third_end = Some(field.as_ptr() as usize - text.as_ptr() as usize + field.len());
            }
        }
        // Only a line with all five fields (and so a delimiter after the third) sets the
        // prefix: a shorter one would not split the same way.
        (prefix, head) = match third_end {
            Some(at) if text.len() > at && !extra => {
                ((pos, at + 1), [fields[0], fields[1], fields[2]])
            }
            _ => ((0, 0), [&[][..]; 3]),
        };
        if extra || fields.iter().any(|f| !f.is_empty()) {
            sink(line, &fields, Row::Plain { extra });
        }
        if end < block.len() {
            line += 1;
        }
        pos = end + 1;
    }
    line - first_line
}

/// How a record came: split in full (`extra`: non-empty cells beyond the fifth), or as a
/// repeat of the previous record's npsn, peran and responden with a non-empty butir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Plain { extra: bool },
    Repeat,
}

/// Whether the line at `pos` starts with the bytes of `prefix` (an earlier line's start and
/// length). Prefixes of up to 16 bytes, nearly all, are compared as two words: the earlier
/// line and the rest of the block both hold 16 bytes from there.
#[inline(always)]
fn repeats(block: &[u8], (start, len): (usize, usize), pos: usize) -> bool {
    if len > 16 || pos + 16 > block.len() {
        return block[pos..].starts_with(&block[start..start + len]);
    }
    let word = |at: usize| u64::from_le_bytes(block[at..at + 8].try_into().expect("8 bytes"));
    let mask = |bytes: usize| match bytes {
        0 => 0,
        8.. => u64::MAX,
        n => (1u64 << (8 * n)) - 1,
    };
    (word(start) ^ word(pos)) & mask(len) == 0
        && (word(start + 8) ^ word(pos + 8)) & mask(len.saturating_sub(8)) == 0
}

/// After a repeated prefix: the position of the one delimiter left on the line and of the
/// line's end (its newline, or the block's end). `None` when the rest has no delimiter or
/// more than one (an empty jawaban still has its delimiter).
#[inline(always)]
fn last_two(block: &[u8], start: usize, delimiter: u8) -> Option<(usize, usize)> {
    let delimiters = u64::from(delimiter) * ONES;
    let newlines = u64::from(b'\n') * ONES;
    let mut delimiter_at = None;
    let mut at = start;
    while at + 8 <= block.len() {
        let word = u64::from_le_bytes(block[at..at + 8].try_into().expect("8 bytes"));
        let newline = matches(word, newlines);
        // Only the separators before the newline count.
        let before = if newline == 0 {
            u64::MAX
        } else {
            newline ^ (newline - 1)
        };
        let mut found = matches(word, delimiters) & before;
        while found != 0 {
            if delimiter_at.is_some() {
                return None;
            }
            delimiter_at = Some(at + found.trailing_zeros() as usize / 8);
            found &= found - 1;
        }
        if newline != 0 {
            return delimiter_at.map(|d| (d, at + newline.trailing_zeros() as usize / 8));
        }
        at += 8;
    }
    for (i, &b) in block[at..].iter().enumerate() {
        if b == b'\n' {
            return delimiter_at.map(|d| (d, at + i));
        }
        if b == delimiter {
            if delimiter_at.is_some() {
                return None;
            }
            delimiter_at = Some(at + i);
        }
    }
    delimiter_at.map(|d| (d, block.len()))
}

#[cfg(test)]
mod tests {
    use super::super::records::{scan_plain, FieldMap};
    use super::super::tally::FIELDS;
    use super::*;

    type Got = (Vec<(u64, Vec<Vec<u8>>, bool)>, u64);

    fn repeating(text: &str, delimiter: u8) -> Got {
        let mut records = Vec::new();
        let lines = scan_repeating(text.as_bytes(), delimiter, 7, |line, fields, row| {
            let extra = row == (Row::Plain { extra: true });
            records.push((line, fields.iter().map(|f| f.to_vec()).collect(), extra))
        });
        (records, lines)
    }

    fn plain(text: &str, delimiter: u8) -> Got {
        let headers: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
        let map = FieldMap::new(&headers, &FIELDS).unwrap();
        let mut records = Vec::new();
        let lines = scan_plain::<5>(text.as_bytes(), delimiter, &map, 7, |r| {
            records.push((
                r.line,
                r.fields.iter().map(|f| f.to_vec()).collect(),
                r.extra,
            ))
        });
        (records, lines)
    }

    #[test]
    fn repeated_prefixes_give_the_records_of_the_general_scanner() {
        let text = "11,guru,1,B1,A\n11,guru,1,B2,B\r\n11,guru,1,B3,\n11,guru,1,,A\n\
                    11,guru,1,B4\n11,guru,1,B5,A,\n11,guru,1,B6,A,x\n11,guru,1,B7,A\n\
                    11,guru,12,B1,A\n11,guru,1,B8,A\n\n,,,,\n 11 ,guru,1, B9 , C \n\
                    11,guru,1,B9,C\n 11 ,guru,1,B10,D\n11,ks\n11,ks,1\n11,ks,1,\n11,ks,1,B1,A\n\
                    11,ks,1,B2,A,,\n11,ks,1,B3,A\n11,ks,1,B4,A";
        for ending in ["", "\n", "\r\n"] {
            let text = format!("{text}{ending}");
            let expected = plain(&text, b',');
            assert!(
                expected.0.len() > 15,
                "the general scanner reads the records"
            );
            assert_eq!(repeating(&text, b','), expected, "ending {ending:?}");
            let semicolons = text.replace(',', ";");
            assert_eq!(repeating(&semicolons, b';'), plain(&semicolons, b';'));
            // Every cut of the text (blocks end at a line end, as the reader cuts them).
            for (cut, _) in text.match_indices('\n') {
                let (first, rest) = text.split_at(cut + 1);
                for part in [first, rest] {
                    assert_eq!(repeating(part, b','), plain(part, b','), "cut at {cut}");
                }
            }
        }
    }

    #[test]
    fn long_fields_and_tabs_split_the_same() {
        let text = "12345678901234567890,pengawas_sekolah,123456789,BUTIR-PANJANG-0001,SANGAT SETUJU\n\
                    12345678901234567890,pengawas_sekolah,123456789,BUTIR-PANJANG-0002,SETUJU\n\
                    12345678901234567890,pengawas_sekolah,123456789,BUTIR-PANJANG-0003,SETUJU,LEBIH\n\
                    12345678901234567890,pengawas_sekolah,123456789,B4,A";
        assert_eq!(repeating(text, b','), plain(text, b','));
        let tabs = text.replace(',', "\t");
        assert_eq!(repeating(&tabs, b'\t'), plain(&tabs, b'\t'));
    }
}
