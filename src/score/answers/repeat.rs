//! The plain-CSV scanner for answers files whose columns are exactly `npsn, peran, responden,
//! butir, jawaban`, as exports write them. Consecutive lines of one respondent start with the
//! same bytes (`11010001,guru,3,`), so a line that repeats the previous line's first three
//! fields is checked against them as one prefix and only its last two fields are split. Any
//! other line is split by `records::scan_plain`, whose records the short way gives too (a
//! test compares them on varied input).

use super::records::{matches, scan_plain, trim, FieldMap, ONES};
use memchr::{memchr, memchr_iter};

/// Splits whole lines of plain CSV (no `"` anywhere in `block`; the caller checks) whose
/// columns are the five answer fields in order (`map`) into records of trimmed fields,
/// skipping blank lines, as `scan_plain` does. `sink` gets a record's line and fields, then
/// `Row`. Returns the number of newlines in `block`.
pub fn scan_repeating(
    block: &[u8],
    delimiter: u8,
    map: &FieldMap,
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
        // Any other line: split by the general scanner, so both give the same records.
        let end = memchr(b'\n', &block[pos..]).map_or(block.len(), |n| pos + n);
        let text = &block[pos..end];
        let mut split = None;
        scan_plain::<5>(text, delimiter, map, line, |r| {
            split = Some((*r.fields, r.extra))
        });
        let (fields, extra) = split.unwrap_or(([&[][..]; 5], false));
        if split.is_some() {
            sink(line, &fields, Row::Plain { extra });
        }
        // The next line can repeat this one's first three fields only if it has a delimiter
        // after them and no cells beyond the fifth.
        (prefix, head) = match memchr_iter(delimiter, text).nth(2) {
            Some(at) if !extra => ((pos, at + 1), [fields[0], fields[1], fields[2]]),
            _ => ((0, 0), [&[][..]; 3]),
        };
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
    use super::super::tally::FIELDS;
    use super::*;

    type Got = (Vec<(u64, Vec<Vec<u8>>, bool)>, u64);

    fn repeating(text: &str, delimiter: u8) -> Got {
        let mut records = Vec::new();
        let lines = scan_repeating(
            text.as_bytes(),
            delimiter,
            &in_order(),
            7,
            |line, fields, row| {
                let extra = row == (Row::Plain { extra: true });
                records.push((line, fields.iter().map(|f| f.to_vec()).collect(), extra))
            },
        );
        (records, lines)
    }

    fn in_order() -> FieldMap {
        let headers: Vec<String> = FIELDS.iter().map(|f| f.to_string()).collect();
        FieldMap::new(&headers, &FIELDS).unwrap()
    }

    fn plain(text: &str, delimiter: u8) -> Got {
        let map = in_order();
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
