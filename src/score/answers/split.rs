//! Splitting a big answers file into byte ranges that start and end at school boundaries
//! (where the NPSN changes from one line to the next), so each range can be scored on its
//! own thread with whole schools. Finding a boundary reads only a few lines after a guess.

use super::records::{trim, CsvLayout, FieldMap, NeedsQuotes, RecordTooLong, MAX_RECORD_BYTES};
use memchr::memchr;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

/// Ranges of about `chunk_bytes` covering the data part of the file, each holding whole
/// schools. `Err(NeedsQuotes)` when a line looked at has a `"`.
pub fn school_ranges(
    path: &Path,
    layout: &CsvLayout,
    map: &FieldMap,
    size: u64,
    chunk_bytes: u64,
) -> io::Result<Result<Vec<Range<u64>>, NeedsQuotes>> {
    let start = layout.data_start.min(size);
    let len = size - start;
    if len == 0 {
        return Ok(Ok(Vec::new()));
    }
    let chunks = len.div_ceil(chunk_bytes.max(1));
    let npsn_column = map.columns[0];
    let mut file = File::open(path)?;
    let mut bounds = vec![start];
    for k in 1..chunks {
        let guess = start + len * k / chunks;
        let last = *bounds.last().expect("start");
        if guess <= last {
            continue;
        }
        let bound = match next_school_start(&mut file, guess, size, layout.delimiter, npsn_column)?
        {
            Ok(bound) => bound,
            Err(q) => return Ok(Err(q)),
        };
        if bound > last && bound < size {
            bounds.push(bound);
        }
    }
    bounds.push(size);
    Ok(Ok(bounds.windows(2).map(|w| w[0]..w[1]).collect()))
}

/// The start of the first line at or after `from` whose NPSN differs from the NPSN of the
/// line before it (lines without an NPSN do not count); `size` when there is none.
fn next_school_start(
    file: &mut File,
    from: u64,
    size: u64,
    delimiter: u8,
    npsn_column: usize,
) -> io::Result<Result<u64, NeedsQuotes>> {
    // Start one byte early: if that byte ends a line, `from` starts one.
    let mut lines = Lines::new(file, from - 1, size)?;
    if lines.next()?.is_none() {
        return Ok(Ok(size));
    }
    let mut key: Option<Vec<u8>> = None;
    while let Some((start, line)) = lines.next()? {
        if memchr(b'"', line).is_some() {
            return Ok(Err(NeedsQuotes));
        }
        let npsn = trim(
            line.split(|&b| b == delimiter)
                .nth(npsn_column)
                .unwrap_or(&[]),
        );
        if npsn.is_empty() {
            continue;
        }
        match &key {
            None => key = Some(npsn.to_vec()),
            Some(k) if k.as_slice() != npsn => return Ok(Ok(start)),
            Some(_) => {}
        }
    }
    Ok(Ok(size))
}

/// Lines of a file from an offset, with the offset each starts at (the first "line" is the
/// rest of the line `from` falls in).
struct Lines<'f> {
    file: &'f mut File,
    buf: Vec<u8>,
    /// File offset of `buf[0]`.
    offset: u64,
    pos: usize,
    end: usize,
    remaining: u64,
}

impl<'f> Lines<'f> {
    fn new(file: &'f mut File, from: u64, size: u64) -> io::Result<Self> {
        file.seek(SeekFrom::Start(from))?;
        Ok(Lines {
            file,
            buf: vec![0; 64 * 1024],
            offset: from,
            pos: 0,
            end: 0,
            remaining: size.saturating_sub(from),
        })
    }

    fn next(&mut self) -> io::Result<Option<(u64, &[u8])>> {
        loop {
            if let Some(n) = memchr(b'\n', &self.buf[self.pos..self.end]) {
                let start = self.pos;
                self.pos += n + 1;
                return Ok(Some((
                    self.offset + start as u64,
                    &self.buf[start..start + n],
                )));
            }
            if self.remaining == 0 {
                if self.pos == self.end {
                    return Ok(None);
                }
                let start = self.pos;
                self.pos = self.end;
                return Ok(Some((
                    self.offset + start as u64,
                    &self.buf[start..self.end],
                )));
            }
            // Keep the partial line, then read more.
            self.buf.copy_within(self.pos..self.end, 0);
            self.offset += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
            if self.end == self.buf.len() {
                if self.end >= MAX_RECORD_BYTES {
                    return Err(RecordTooLong::error(self.offset));
                }
                self.buf.resize(self.buf.len() * 2, 0);
            }
            let want = ((self.buf.len() - self.end) as u64).min(self.remaining) as usize;
            self.file
                .read_exact(&mut self.buf[self.end..self.end + want])?;
            self.end += want;
            self.remaining -= want as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::answers::records::sniff;
    use crate::score::answers::tally::FIELDS;

    fn ranges(text: &str, chunk: u64) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.csv");
        std::fs::write(&path, text).unwrap();
        let layout = sniff(text.as_bytes(), "j.csv").unwrap();
        let map = FieldMap::new(&layout.headers, &FIELDS).unwrap();
        let ranges = school_ranges(&path, &layout, &map, text.len() as u64, chunk)
            .unwrap()
            .unwrap();
        let mut covered = layout.data_start;
        for r in &ranges {
            assert_eq!(r.start, covered, "ranges are contiguous");
            covered = r.end;
        }
        assert_eq!(covered, text.len() as u64);
        ranges
            .into_iter()
            .map(|r| text[r.start as usize..r.end as usize].to_string())
            .collect()
    }

    #[test]
    fn ranges_hold_whole_schools() {
        let text = "peran,npsn,responden,butir,jawaban\n\
                    ks,1,1,B1,A\nguru,1,1,B1,A\nguru,1,2,B1,A\n\
                    ks,2,1,B1,A\n\n,,,,\nguru,,1,B1,A\nguru,2,1,B1,A\n\
                    ks,3,1,B1,A\n";
        for chunk in 1..40 {
            for part in ranges(text, chunk) {
                let npsns: Vec<&str> = part
                    .lines()
                    .filter_map(|l| l.split(',').nth(1))
                    .filter(|n| !n.is_empty())
                    .collect();
                assert!(!npsns.is_empty() || part.trim_matches([',', '\n']).is_empty());
                let first = npsns.first().copied().unwrap_or("");
                let starts: Vec<&str> = part.lines().take(1).collect();
                assert!(
                    starts[0].split(',').nth(1) == Some(first),
                    "a range starts at a school's first line: {part:?}"
                );
            }
        }
        assert_eq!(ranges(text, 1).len(), 3);
        assert_eq!(ranges(text, 1000).len(), 1);
    }

    #[test]
    fn a_quote_near_a_boundary_asks_for_the_quoted_reader() {
        let text =
            "npsn,peran,responden,butir,jawaban\n1,ks,1,B1,A\n1,ks,1,\"B2\",A\n2,ks,1,B1,A\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.csv");
        std::fs::write(&path, text).unwrap();
        let layout = sniff(text.as_bytes(), "j.csv").unwrap();
        let map = FieldMap::new(&layout.headers, &FIELDS).unwrap();
        let got = school_ranges(&path, &layout, &map, text.len() as u64, 8).unwrap();
        assert_eq!(got, Err(NeedsQuotes));
    }
}
