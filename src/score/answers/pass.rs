//! One answers file, read once: plain CSV is split into school-aligned byte ranges scored in
//! parallel (each range streamed through a small buffer); CSV with quotes is read
//! sequentially by the quote-aware reader; spreadsheets through `Table`. All three feed
//! the same `Tally`, and their parts are merged in file order.

use super::problems::{Kind, ProblemLog, Sample};
use super::records::{
    scan_plain, sniff, CsvLayout, FieldMap, NeedsQuotes, QuotedReader, RecordTooLong, HEAD_BYTES,
    MAX_RECORD_BYTES,
};
use super::repeat::{scan_repeating, Row};
use super::split::school_ranges;
use super::tally::{Context, SchoolResult, Tally, TallyOutput, FIELDS};
use super::{read_table, Options};
use crate::diag::{Diagnostics, Problem};
use memchr::{memchr, memrchr};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes read at a time by each thread.
const BLOCK: usize = 2 << 20;

/// What an answers file gave.
pub struct PassResult {
    /// Sorted by school; one per school (the first run when a school's rows are split).
    pub schools: Vec<SchoolResult>,
    /// Records (non-blank data lines) read.
    pub records: u64,
}

/// Scores one answers file (`file` relative to `site_dir`). `None` when it cannot be read
/// at all (the problem is in `diag`).
pub fn score_answers(
    site_dir: &Path,
    file: &str,
    ctx: &Context,
    options: &Options,
    diag: &mut Diagnostics,
) -> Option<PassResult> {
    let path = site_dir.join(file);
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return score_table(site_dir, file, ctx, diag);
    }
    let unreadable = |e: io::Error| match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<RecordTooLong>())
    {
        Some(too_long) => Problem::error(file, too_long.to_string())
            .line(line_at(&path, too_long.offset))
            .hint("periksa tanda kutip yang tidak ditutup atau isi yang bukan tabel"),
        None => Problem::error(file, format!("tidak dapat dibaca: {e}")),
    };
    match score_csv(&path, file, ctx, options, diag) {
        Ok(result) => result,
        Err(e) => {
            diag.push(unreadable(e));
            None
        }
    }
}

/// The 1-based line of a byte offset of a file (counted only for a message).
fn line_at(path: &Path, offset: u64) -> usize {
    let Ok(file) = File::open(path) else {
        return 0;
    };
    let mut reader = io::BufReader::new(file.take(offset));
    let mut lines = 1;
    loop {
        let Ok(buf) = io::BufRead::fill_buf(&mut reader) else {
            return lines;
        };
        if buf.is_empty() {
            return lines;
        }
        lines += memchr::memchr_iter(b'\n', buf).count();
        let n = buf.len();
        io::BufRead::consume(&mut reader, n);
    }
}

fn score_csv(
    path: &Path,
    file: &str,
    ctx: &Context,
    options: &Options,
    diag: &mut Diagnostics,
) -> io::Result<Option<PassResult>> {
    let mut handle = File::open(path)?;
    let size = handle.metadata()?.len();
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut handle)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let layout = match sniff(&head, file) {
        Ok(layout) => layout,
        Err(problem) => {
            diag.push(problem);
            return Ok(None);
        }
    };
    let map = match FieldMap::new(&layout.headers, &FIELDS) {
        Ok(map) => map,
        Err(missing) => {
            for name in missing {
                diag.push(
                    Problem::error(file, "kolom wajib tidak ada")
                        .line(1)
                        .field(&name)
                        .hint(format!(
                            "tambahkan kolom {name}; kolom jawaban: {}; kolom yang ada: {}",
                            FIELDS.join(", "),
                            layout.headers.join(", ")
                        )),
                );
            }
            return Ok(None);
        }
    };
    let columns: [usize; 5] = map.columns.clone().try_into().expect("five fields");
    let threads = rayon::current_num_threads() as u64;
    let chunk_bytes = options
        .chunk_bytes
        .unwrap_or_else(|| (size / (threads * 8)).clamp(1 << 20, 64 << 20));
    let plain = match school_ranges(path, &layout, &map, size, chunk_bytes)? {
        Ok(ranges) => {
            let stop = AtomicBool::new(false);
            let parts: Vec<Result<TallyOutput, NeedsQuotes>> = ranges
                .par_iter()
                .map(|range| scan_range(path, range.clone(), &layout, &map, ctx, columns, &stop))
                .collect::<io::Result<_>>()?;
            parts
                .into_iter()
                .collect::<Result<Vec<_>, NeedsQuotes>>()
                .ok()
        }
        Err(NeedsQuotes) => None,
    };
    let parts = match plain {
        Some(parts) => parts,
        None => vec![scan_quoted(path, &layout, &map, ctx, columns)?],
    };
    Ok(Some(merge(
        parts,
        layout.first_data_line,
        file,
        None,
        columns,
        diag,
    )))
}

/// Scores the schools in one byte range of plain CSV.
fn scan_range(
    path: &Path,
    range: Range<u64>,
    layout: &CsvLayout,
    map: &FieldMap,
    ctx: &Context,
    columns: [usize; 5],
    stop: &AtomicBool,
) -> io::Result<Result<TallyOutput, NeedsQuotes>> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(range.start))?;
    let mut remaining = range.end - range.start;
    let mut buf = vec![0u8; BLOCK.min(remaining as usize + 1)];
    // Byte offset in the file of `buf[0]`.
    let mut offset = range.start;
    let mut carry = 0;
    let mut line = 0;
    let mut tally = Tally::new(ctx, columns);
    // The usual layout, exactly the five fields in order, has a faster scanner.
    let in_order = map.slots == [0, 1, 2, 3, 4];
    while remaining > 0 || carry > 0 {
        if stop.load(Ordering::Relaxed) {
            return Ok(Err(NeedsQuotes));
        }
        if carry == buf.len() {
            // A whole buffer without a line end.
            if carry >= MAX_RECORD_BYTES {
                return Err(RecordTooLong::error(offset));
            }
            buf.resize(buf.len() * 2, 0);
        }
        let want = ((buf.len() - carry) as u64).min(remaining) as usize;
        file.read_exact(&mut buf[carry..carry + want])?;
        remaining -= want as u64;
        let filled = carry + want;
        let cut = if remaining == 0 {
            filled
        } else {
            match memrchr(b'\n', &buf[carry..filled]) {
                Some(p) => carry + p + 1,
                None => {
                    carry = filled;
                    continue;
                }
            }
        };
        if memchr(b'"', &buf[..cut]).is_some() {
            stop.store(true, Ordering::Relaxed);
            return Ok(Err(NeedsQuotes));
        }
        line += if in_order {
            scan_repeating(
                &buf[..cut],
                layout.delimiter,
                map,
                line,
                |line, fields, row| match row {
                    Row::Plain { extra } => tally.record(line, fields, extra),
                    Row::Repeat => tally.record_repeat(line, fields),
                },
            )
        } else {
            scan_plain::<5>(&buf[..cut], layout.delimiter, map, line, |r| {
                tally.record(r.line, r.fields, r.extra)
            })
        };
        buf.copy_within(cut..filled, 0);
        offset += cut as u64;
        carry = filled - cut;
    }
    let mut out = tally.finish();
    out.lines = line;
    Ok(Ok(out))
}

/// Scores a CSV file with quoted fields, sequentially.
fn scan_quoted(
    path: &Path,
    layout: &CsvLayout,
    map: &FieldMap,
    ctx: &Context,
    columns: [usize; 5],
) -> io::Result<TallyOutput> {
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(layout.data_start))?;
    let mut reader = QuotedReader::new(file, layout.delimiter, 0).starting_at(layout.data_start);
    let mut tally = Tally::new(ctx, columns);
    let width = map.slots.len();
    while let Some(line) = reader.next_record()? {
        let fields: [&[u8]; 5] = std::array::from_fn(|k| reader.field(columns[k]));
        let extra = (width..reader.len()).any(|i| !reader.field(i).is_empty());
        tally.record(line, &fields, extra);
    }
    let mut out = tally.finish();
    out.lines = reader.line();
    Ok(out)
}

/// Scores a spreadsheet (or any table `Table` reads), held in memory: spreadsheets have at
/// most about a million rows.
fn score_table(
    site_dir: &Path,
    file: &str,
    ctx: &Context,
    diag: &mut Diagnostics,
) -> Option<PassResult> {
    let table = read_table(site_dir, file, diag)?;
    let columns: [usize; 5] = match table.columns(&FIELDS) {
        Ok(cols) => cols.try_into().expect("five fields"),
        Err(problems) => {
            problems.into_iter().for_each(|p| diag.push(p));
            return None;
        }
    };
    let width = table.headers.len();
    let mut tally = Tally::new(ctx, columns);
    for row in &table.rows {
        let fields: [&[u8]; 5] = std::array::from_fn(|k| row.get(columns[k]).as_bytes());
        let extra = (width..row.cells.len()).any(|i| !row.get(i).is_empty());
        tally.record(row.line as u64, &fields, extra);
    }
    let out = tally.finish();
    Some(merge(
        vec![out],
        0,
        file,
        table.sheet.as_deref(),
        columns,
        diag,
    ))
}

/// Joins the parts of one file in file order: lines become the file's, schools whose rows
/// are not together are reported (and only their first run kept), problems are written.
fn merge(
    parts: Vec<TallyOutput>,
    first_line: u64,
    file: &str,
    sheet: Option<&str>,
    columns: [usize; 5],
    diag: &mut Diagnostics,
) -> PassResult {
    let mut problems = ProblemLog::default();
    let mut schools = Vec::new();
    let mut runs = Vec::new();
    let mut records = 0;
    let mut base = first_line;
    for mut part in parts {
        part.problems.shift(base);
        problems.append(part.problems);
        schools.extend(part.schools.into_iter().map(|mut s| {
            s.row.line += base as usize;
            s
        }));
        runs.extend(part.runs.into_iter().map(|r| (r.npsn, r.line + base)));
        records += part.records;
        base += part.lines;
    }
    runs.sort_unstable();
    let mut first = 0;
    for i in 1..runs.len() {
        if runs[i].0 != runs[first].0 {
            first = i;
            continue;
        }
        let (npsn, line) = (&runs[i].0, runs[i].1);
        let other = runs[first].1;
        problems.add(Kind::NotContiguous, || Sample {
            line,
            column: Some(columns[0]),
            value: String::from_utf8_lossy(npsn).into_owned(),
            detail: String::new(),
            other_line: Some(other),
        });
    }
    schools.sort_unstable_by_key(|s| (s.school, s.row.line));
    schools.dedup_by_key(|s| s.school);
    problems.report(file, sheet, diag);
    PassResult { schools, records }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Jenjang, Peran, School, Status};
    use crate::score::answers::admin::AdminScores;
    use crate::score::answers::instrument::tests::{
        framework, instrument, BUTIR, JAWABAN, PERAN, SUB,
    };

    fn school(npsn: &str) -> School {
        School {
            npsn: npsn.into(),
            nama: format!("SD {npsn}"),
            jenjang: Jenjang::SD,
            status: Status::Negeri,
            kode_wilayah: "14.71".into(),
            peran: Peran::None,
            sekolah_model: None,
            line: 2,
        }
    }

    /// Rows of five schools, with a blank line, CRLF and varied answers.
    fn answers() -> String {
        let mut text = String::from("npsn,peran,responden,butir,jawaban\r\n");
        for (s, npsn) in ["10000001", "10000002", "10000003", "10000004", "10000005"]
            .iter()
            .enumerate()
        {
            for r in 1..=(s % 3 + 1) {
                for (k, item) in ["B1", "B2", "B3"].iter().enumerate() {
                    let option = if (r + k + s) % 2 == 0 { "A" } else { "B" };
                    text.push_str(&format!("{npsn},guru,{r},{item},{option}\r\n"));
                }
            }
            text.push_str(&format!("{npsn},ks,1,B1,A\r\n"));
            if s == 2 {
                text.push_str("\r\n");
            }
        }
        text
    }

    type Scored = Vec<(u32, usize, Vec<Option<f64>>, Vec<u32>)>;

    fn run(text: &str, name: &str, chunk: u64) -> (Scored, u64, String) {
        let (inst, d) = instrument(SUB, BUTIR, JAWABAN, PERAN);
        assert!(!d.has_errors(), "{}", d.report());
        let framework = framework();
        let schools: Vec<School> = (1..=5).map(|i| school(&format!("1000000{i}"))).collect();
        let admin = AdminScores::default();
        let ctx = Context {
            framework: &framework,
            instrument: &inst,
            schools: &schools,
            admin: &admin,
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), text).unwrap();
        let mut diag = Diagnostics::default();
        let options = Options {
            chunk_bytes: Some(chunk),
        };
        let result = score_answers(dir.path(), name, &ctx, &options, &mut diag).unwrap();
        let scored = result
            .schools
            .into_iter()
            .map(|s| (s.school, s.row.line, s.row.values, s.respondents))
            .collect();
        (scored, result.records, diag.report())
    }

    #[test]
    fn any_chunking_gives_the_same_result() {
        let text = answers();
        let (whole, records, report) = run(&text, "j.csv", 1 << 30);
        assert_eq!(whole.len(), 5);
        // Guru respondents per school: 1, 2, 3, 1, 2, three items each; one ks answer each.
        assert_eq!(records, 3 * (1 + 2 + 3 + 1 + 2) + 5);
        assert_eq!(report, "0 error, 0 warning\n");
        // Header, schools of 4, 7 and 10 rows, a blank line: the fourth school starts on line 24.
        assert_eq!(
            whole[3].1,
            1 + 4 + 7 + 10 + 1 + 1,
            "lines count the blank one"
        );
        for chunk in [1, 7, 40, 100, 333] {
            assert_eq!(
                run(&text, "j.csv", chunk),
                (whole.clone(), records, report.clone()),
                "chunk {chunk}"
            );
        }
    }

    #[test]
    fn quoted_and_semicolon_files_give_the_same_result() {
        let text = answers();
        let expected = run(&text, "j.csv", 1 << 30);
        let quoted = text.replace(",guru,", ",\"guru\",");
        assert_eq!(run(&quoted, "j.csv", 50), expected);
        let semicolon = format!("\u{feff}{}", text.replace(',', ";"));
        let (scored, records, _) = run(&semicolon, "j.csv", 50);
        assert_eq!((scored, records), (expected.0, expected.1));
    }

    /// Rows that repeat the previous row's npsn, peran and responden take a shorter way in a
    /// file with the five columns in order (`repeat`): the same scores and problems as a file
    /// whose columns are in another order, including after rows that were refused.
    #[test]
    fn repeated_rows_score_as_any_other_order_of_columns() {
        let mut text = String::from("npsn,peran,responden,butir,jawaban\n");
        for row in [
            "10000001,guru,1,B1,A",
            "10000001,guru,1,B9,A",
            "10000001,guru,1,B2,B",
            "10000001,guru,1,B2,A",
            "10000001,guru,1,B3,",
            "10000001,guru,1,B3,Z",
            "10000001,guru,1,B3,A",
            "10000001,tamu,1,B1,A",
            "10000001,tamu,1,B2,A",
            "10000001,guru,2,B9,A",
            "10000001,guru,2,B1,B",
            "10000001,guru,2,B2,B",
            "10000001,guru,2,B3,A",
            "10000001,ks,1,B1,A",
            "10000002,guru,1,B1,A",
            "10000002,guru,1,B2,A,x",
            "10000002,guru,1,B3,A",
            "10000009,guru,1,B1,A",
            "10000009,guru,1,B2,A",
            "10000003,guru,1,B1,B",
            "10000003,guru,1,B1,A",
        ] {
            text.push_str(row);
            text.push('\n');
        }
        // peran first: the general scanner, every row resolved in full.
        let reordered: String = text
            .lines()
            .map(|l| {
                let mut f: Vec<&str> = l.split(',').collect();
                f.swap(0, 1);
                format!("{}\n", f.join(","))
            })
            .collect();
        for chunk in [1, 40, 1 << 30] {
            let (scored, records, report) = run(&text, "j.csv", chunk);
            assert_eq!(records, 21);
            assert_eq!(scored.len(), 3, "three known schools");
            for expected in [
                "\"B9\" butir tidak ada",
                "\"B2\" jawaban ganda",
                "\"Z\" jawaban tidak ada",
                "\"tamu\" peran tidak dikenal",
                "j.csv:17: baris berisi lebih banyak kolom",
            ] {
                assert!(report.contains(expected), "{expected}: {report}");
            }
            let (r_scored, r_records, r_report) = run(&reordered, "j.csv", chunk);
            assert_eq!((&scored, records), (&r_scored, r_records), "chunk {chunk}");
            // Messages name columns by their header; only the list of all columns differs.
            assert_eq!(report, r_report.replace("peran, npsn", "npsn, peran"));
        }
    }

    #[test]
    fn rows_of_a_school_apart_are_an_error_whatever_the_chunks() {
        let text = format!("{}10000002,guru,9,B1,A\n", answers());
        for chunk in [1, 64, 1 << 30] {
            let (scored, _, report) = run(&text, "j.csv", chunk);
            assert!(
                report.contains(
                    "j.csv:35: kolom npsn: \"10000002\" baris sekolah ini tidak berurutan"
                ),
                "{report}"
            );
            assert!(report.contains("mulai baris 6;"), "{report}");
            assert_eq!(scored.len(), 5, "one row per school");
        }
    }
}
