//! Scores from raw questionnaire answers and administrative data (the PMP method), worked out
//! by hand on tiny sites written into temp folders, through the library API
//! (`rapor::score::answers::read_answer_years`); and the problems bad raw data gives, each
//! named by file, line (or cell) and column.

use rapor::diag::{Diagnostics, Severity};
use rapor::framework::Framework;
use rapor::model::{Jenjang, Peran, School, ScoreRow, Status};
use rapor::score::answers::{read_answer_years, AnswerYear, Respondents};
use rapor::score::score_row;
use std::collections::BTreeMap;
use std::path::Path;

// ---------------------------------------------------------------------------------------
// The instrument of every test (rapor-mutu preset; standard 1 has indicators 1.1, 1.2, 1.3):
//   1.1.1 kuesioner (items B1, B2)   1.1.2 kuesioner (items B3, B4)   1.2.1 administrasi
//   role weights of 1.1.1 and 1.1.2: guru 0.6, ks 0.4
//   SD answer weights: guru A 1, B 0.75, C 0.5, D 0.25; ks A 1, B 0.5, C 0;
//                      item B4 for guru: A 0 (a reversed item; the other options as usual)
//
// School A 10000001 (SD), answers.csv lines 2–11:
//   guru g1: B1 A = 1      B2 C = 0.5   B3 B = 0.75
//   guru g2: B1 D = 0.25                B3 D = 0.25   B4 A = 0 (item row)
//   ks   k1: B1 B = 0.5    B2 A = 1     B3 A = 1      B4 C = 0
//   1.1.1: g1 (1 + 0.5)/2 = 0.75, g2 0.25/1 = 0.25 → guru 0.5; ks (0.5 + 1)/2 = 0.75
//          7 × (0.6 × 0.5 + 0.4 × 0.75) = 7 × 0.6 = 4.2
//   1.1.2: g1 0.75, g2 (0.25 + 0)/2 = 0.125 → guru 0.4375; ks (1 + 0)/2 = 0.5
//          7 × (0.6 × 0.4375 + 0.4 × 0.5) = 7 × 0.4625 = 3.2375
//   1.2.1: aktual/standar = 30/32 = 0.9375 → 7 × 0.9375 = 6.5625
//   indicator 1.1 = (4.2 + 3.2375)/2 = 3.71875; indicator 1.2 = 6.5625
//   standard 1 = mean of all three sub-indicators = (4.2 + 3.2375 + 6.5625)/3 = 14/3
//              (the mean of its indicators would be (3.71875 + 6.5625)/2 = 5.140625)
//   school total (score_row: mean of available standards) = 14/3
//
// School B 10000002 (SD), no principal answered (lines 12–13):
//   guru 1: B1 A = 1, B3 C = 0.5
//   1.1.1: only guru; weights renormalised over guru: 7 × 0.6 × 1 / 0.6 = 7
//   1.1.2: 7 × 0.6 × 0.5 / 0.6 = 3.5
//   indicator 1.1 = 5.25; no administrative data: 1.2 not available; standard 1 = 5.25
//
// School C 10000003 (SMP), administrative data only: 10/8 → min(1, 1.25) × 7 = 7
//   indicator 1.2 = 7; standard 1 = 7
// ---------------------------------------------------------------------------------------

const A: &str = "10000001";
const B: &str = "10000002";
const C: &str = "10000003";
const JAWABAN: &str = "content/data/jawaban/2020.csv";

const SUBINDIKATOR: &str = "kode,nama,sumber\n\
    1.1.1,Sikap religius,kuesioner\n\
    1.1.2,Sikap sosial,kuesioner\n\
    1.2.1,Rasio buku per siswa,administrasi\n";
const BUTIR: &str = "butir,subindikator\nB1,1.1.1\nB2,1.1.1\nB3,1.1.2\nB4,1.1.2\n";
const BOBOT_JAWABAN: &str = "jenjang,peran,jawaban,bobot,butir\n\
    SD,guru,A,1,\nSD,guru,B,0.75,\nSD,guru,C,0.5,\nSD,guru,D,0.25,\n\
    SD,ks,A,1,\nSD,ks,B,0.5,\nSD,ks,C,0,\n\
    SD,guru,A,0,B4\n";
const BOBOT_PERAN: &str = "subindikator,peran,bobot\n\
    1.1.1,guru,0.6\n1.1.1,ks,0.4\n1.1.2,guru,0.6\n1.1.2,ks,0.4\n";

const ANSWERS: &str = "npsn,peran,responden,butir,jawaban\n\
    10000001,guru,g1,B1,A\n\
    10000001,guru,g1,B2,C\n\
    10000001,guru,g1,B3,B\n\
    10000001,guru,g2,B1,D\n\
    10000001,guru,g2,B3,D\n\
    10000001,guru,g2,B4,A\n\
    10000001,ks,k1,B1,B\n\
    10000001,ks,k1,B2,A\n\
    10000001,ks,k1,B3,A\n\
    10000001,ks,k1,B4,C\n\
    10000002,guru,1,B1,A\n\
    10000002,guru,1,B3,C\n";

const ADMINISTRASI: &str = "npsn,subindikator,aktual,standar\n\
    10000001,1.2.1,30,32\n\
    10000003,1.2.1,\"10,0\",8\n";

fn school(npsn: &str, jenjang: Jenjang) -> School {
    School {
        npsn: npsn.into(),
        nama: format!("Sekolah {npsn}"),
        jenjang,
        status: Status::Negeri,
        kode_wilayah: "14.71".into(),
        peran: Peran::None,
        sekolah_model: None,
        line: 2,
    }
}

fn schools() -> Vec<School> {
    vec![
        school(A, Jenjang::SD),
        school(B, Jenjang::SD),
        school(C, Jenjang::SMP),
    ]
}

fn framework() -> Framework {
    Framework::load(Path::new("."), "rapor-mutu").unwrap()
}

/// A site folder with the instrument and the given data files (path → text).
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let instrument = [
        ("content/data/instrumen/subindikator.csv", SUBINDIKATOR),
        ("content/data/instrumen/butir.csv", BUTIR),
        ("content/data/instrumen/bobot_jawaban.csv", BOBOT_JAWABAN),
        ("content/data/instrumen/bobot_peran.csv", BOBOT_PERAN),
    ];
    for (path, text) in instrument.iter().chain(files) {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn read(dir: &Path) -> (BTreeMap<u16, AnswerYear>, Diagnostics) {
    let mut diag = Diagnostics::default();
    let years = read_answer_years(dir, &framework(), &schools(), &[], &mut diag);
    (years, diag)
}

/// The problems that are not the 27 "indicator without sub-indicators" warnings every test
/// instrument gives (it covers only 1.1 and 1.2), as printed.
fn problems(diag: &Diagnostics) -> Vec<String> {
    diag.sorted()
        .into_iter()
        .filter(|p| !p.message.contains("indikator tanpa subindikator"))
        .map(|p| p.to_string())
        .collect()
}

fn row<'a>(year: &'a AnswerYear, npsn: &str) -> (&'a ScoreRow, &'a Respondents) {
    let i = year.rows.iter().position(|r| r.npsn == npsn).unwrap();
    (&year.rows[i], &year.respondents[i])
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-12)
}

#[track_caller]
fn assert_close(a: Option<f64>, b: f64) {
    assert!(close(a, b), "{a:?} != {b}");
}

#[test]
fn hand_worked_scores_from_answers_and_administrative_data() {
    let dir = site(&[
        (JAWABAN, ANSWERS),
        ("content/data/administrasi/2020.csv", ADMINISTRASI),
    ]);
    let (years, diag) = read(dir.path());
    assert_eq!(diag.error_count(), 0, "{}", diag.report());
    assert_eq!(years.keys().copied().collect::<Vec<_>>(), [2020]);
    let year = &years[&2020];
    assert_eq!(year.file, JAWABAN);
    assert_eq!(
        year.admin_file.as_deref(),
        Some("content/data/administrasi/2020.csv")
    );
    assert_eq!(year.roles, ["guru", "ks"]);
    assert_eq!(year.answer_rows, 12);
    let npsns: Vec<&str> = year.rows.iter().map(|r| r.npsn.as_str()).collect();
    assert_eq!(npsns, [A, B, C]);
    let f = framework();

    let (a, who) = row(year, A);
    assert_eq!(
        (a.line, who.by_role.clone(), who.renormalised),
        (2, vec![2, 1], 0)
    );
    assert_close(a.values[0], 3.71875);
    assert_close(a.values[1], 6.5625);
    assert!(
        a.values[2..].iter().all(Option::is_none),
        "missing is not zero"
    );
    let standards = a.standards.as_ref().unwrap();
    assert_close(standards[0], 14.0 / 3.0);
    assert!(
        !close(standards[0], 5.140625),
        "not the mean of the indicators"
    );
    assert!(standards[1..].iter().all(Option::is_none));
    assert_close(score_row(&f, a).total, 14.0 / 3.0);

    let (b, who) = row(year, B);
    assert_eq!(
        (b.line, who.by_role.clone(), who.renormalised),
        (12, vec![1, 0], 2)
    );
    assert_close(b.values[0], 5.25);
    assert_eq!(b.values[1], None);
    assert_close(b.standards.as_ref().unwrap()[0], 5.25);

    let (c, who) = row(year, C);
    assert_eq!(
        (c.line, who.total()),
        (3, 0),
        "line in administrasi/2020.csv"
    );
    assert_eq!(c.values[0], None);
    assert_close(c.values[1], 7.0);
    assert_close(c.standards.as_ref().unwrap()[0], 7.0);

    assert_eq!(
        problems(&diag),
        [format!(
            "warning: {JAWABAN}:12: kolom peran: \"ks\" peran berbobot tanpa responden di sekolah ini; \
             bobot peran lain dinormalkan ulang (terjadi pada 2 subindikator, mis. 1.1.1; \
             periksa apakah jawaban peran ini hilang)"
        )]
    );
}

#[test]
fn duplicate_answers_are_warned_with_both_lines_and_the_first_counts() {
    // g2's B1 entered again (line 12) with another option: ignored, school A's scores stand.
    let answers = ANSWERS.replace(
        "10000001,ks,k1,B4,C\n",
        "10000001,ks,k1,B4,C\n10000001,guru,g2,B1,A\n",
    );
    let (years, diag) = read(site(&[(JAWABAN, &answers)]).path());
    let (a, _) = row(&years[&2020], A);
    assert_close(a.values[0], 3.71875);
    let warnings = problems(&diag);
    assert!(
        warnings.contains(&format!(
            "warning: {JAWABAN}:12: kolom butir: \"B1\" jawaban ganda (npsn, peran, responden dan butir sama); \
             yang dipakai jawaban pertama (baris 5 berisi jawaban yang sama; hapus salah satu)"
        )),
        "{warnings:#?}"
    );
    assert_eq!(diag.error_count(), 0);
}

#[test]
fn rows_of_a_school_apart_are_an_error() {
    // School A's principal answers moved after school B's rows.
    let mut lines: Vec<&str> = ANSWERS.lines().collect();
    let principal: Vec<&str> = lines.drain(7..11).collect();
    lines.extend(principal);
    let answers = lines.join("\n") + "\n";
    let (_, diag) = read(site(&[(JAWABAN, &answers)]).path());
    let errors: Vec<String> = problems(&diag)
        .into_iter()
        .filter(|p| p.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        [format!(
            "error: {JAWABAN}:10: kolom npsn: \"10000001\" baris sekolah ini tidak berurutan dalam file \
             (sekolah ini sudah muncul mulai baris 2; urutkan file menurut npsn agar semua jawaban \
             satu sekolah berurutan)"
        )]
    );
}

#[test]
fn unknown_item_is_an_error_with_file_line_and_field() {
    let answers = ANSWERS.replace("10000001,guru,g1,B3,B", "10000001,guru,g1,B9,B");
    let (_, diag) = read(site(&[(JAWABAN, &answers)]).path());
    let p = diag
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap();
    assert_eq!(
        p.to_string(),
        format!(
            "error: {JAWABAN}:4: kolom butir: \"B9\" butir tidak ada di butir.csv \
             (tambahkan butir ini ke instrumen/butir.csv atau perbaiki kodenya)"
        )
    );
    assert_eq!(diag.error_count(), 1);
}

#[test]
fn each_kind_of_bad_answer_is_named() {
    let answers = "npsn,peran,responden,butir,jawaban\n\
        10000001,guru,1,B1,F\n\
        10000001,kepala,1,B1,A\n\
        10000001,ks,1,B1,D\n\
        10000001,guru,,B1,A\n\
        10000001,guru,1,B2,\n\
        10000003,guru,1,B1,A\n\
        99999999,guru,1,B1,A\n\
        99999999,guru,1,B2,A\n";
    let (_, diag) = read(site(&[(JAWABAN, answers)]).path());
    let got: Vec<(Severity, Option<usize>, Option<String>, String)> = diag
        .sorted()
        .into_iter()
        .filter(|p| !p.message.contains("indikator tanpa subindikator"))
        .map(|p| (p.severity, p.line, p.field.clone(), p.message.clone()))
        .collect();
    let e = |line: usize, field: &str, message: &str| {
        (
            Severity::Error,
            Some(line),
            Some(field.to_string()),
            message.to_string(),
        )
    };
    let w = |line: usize, field: &str, message: &str| {
        (
            Severity::Warning,
            Some(line),
            Some(field.to_string()),
            message.to_string(),
        )
    };
    assert_eq!(
        got,
        [
            e(2, "jawaban", "jawaban tidak ada di bobot_jawaban.csv"),
            w(
                3,
                "peran",
                "peran tidak dikenal di instrumen; jawaban diabaikan"
            ),
            e(
                4,
                "jawaban",
                "jawaban tidak punya bobot untuk jenjang dan peran ini"
            ),
            e(5, "responden", "sel wajib kosong"),
            // Line 6: an empty jawaban is an item not answered, not a problem.
            e(
                7,
                "jawaban",
                "jawaban tidak punya bobot untuk jenjang dan peran ini"
            ),
            w(
                8,
                "npsn",
                "NPSN tidak ada di sekolah.csv; baris sekolah ini diabaikan"
            ),
        ],
        "{}",
        diag.report()
    );
    let report = diag.report();
    assert!(
        report.contains("(jawaban yang dikenal: A, B, C, D)"),
        "{report}"
    );
    assert!(
        report.contains("bobot_jawaban.csv tidak punya baris untuk jenjang SMP, peran guru, jawaban A (butir B1)"),
        "{report}"
    );
}

#[test]
fn answers_of_a_role_without_weight_for_the_item_are_warned_about() {
    // siswa has answer weights but a role weight only in 1.1.1 (0): B3 belongs to 1.1.2.
    let dir = site(&[(
        JAWABAN,
        "npsn,peran,responden,butir,jawaban\n10000001,siswa,1,B3,A\n10000001,siswa,1,B1,A\n",
    )]);
    let root = dir.path().join("content/data/instrumen");
    std::fs::write(
        root.join("bobot_peran.csv"),
        format!("{BOBOT_PERAN}1.1.1,siswa,0\n"),
    )
    .unwrap();
    std::fs::write(
        root.join("bobot_jawaban.csv"),
        format!("{BOBOT_JAWABAN}SD,siswa,A,1,\n"),
    )
    .unwrap();
    let (years, diag) = read(dir.path());
    assert_eq!(
        problems(&diag),
        [format!(
            "warning: {JAWABAN}:2: kolom peran: \"siswa\" peran ini tidak punya bobot di bobot_peran.csv \
             untuk subindikator butir ini; jawaban diabaikan (butir B3 termasuk subindikator 1.1.2; \
             tambahkan bobot peran siswa di bobot_peran.csv bila perannya memang menjawab butir ini)"
        )]
    );
    // B1 is answered by a role weighted 0: it counts for nothing, so nothing is available.
    assert!(years[&2020].rows.is_empty());
}

#[test]
fn many_occurrences_of_one_problem_give_a_few_lines_and_a_total() {
    let mut answers = String::from("npsn,peran,responden,butir,jawaban\n");
    for i in 0..1000 {
        answers.push_str(&format!("10000001,guru,{i},X{i},A\n"));
    }
    let (_, diag) = read(site(&[(JAWABAN, &answers)]).path());
    let errors: Vec<String> = problems(&diag);
    assert_eq!(errors.len(), 6, "{errors:#?}");
    assert_eq!(
        errors[0],
        format!("error: {JAWABAN}: butir tidak ada di butir.csv: 995 kali lagi selain 5 contoh di atas (total 1000)")
    );
    assert!(errors[1].starts_with(&format!("error: {JAWABAN}:2: kolom butir: \"X0\"")));
    assert!(errors[5].starts_with(&format!("error: {JAWABAN}:6: kolom butir: \"X4\"")));
}

#[test]
fn administrative_data_is_checked() {
    let admin = "npsn,subindikator,aktual,standar\n\
        10000001,1.2.1,30,0\n\
        10000001,1.2.1,tiga,32\n\
        10000001,1.1.1,30,32\n\
        10000001,9.9.9,30,32\n\
        10000002,1.2.1,5,10\n\
        10000002,1.2.1,6,10\n";
    let (years, diag) = read(site(&[("content/data/administrasi/2020.csv", admin)]).path());
    let file = "content/data/administrasi/2020.csv";
    assert_eq!(
        problems(&diag),
        [
            format!("error: {file}:2: kolom standar: \"0\" standar harus angka lebih dari 0 (isi angka lebih dari 0 (koma atau titik desimal))"),
            format!("error: {file}:3: kolom aktual: \"tiga\" aktual harus angka ≥ 0 (isi angka (koma atau titik desimal))"),
            format!("error: {file}:4: kolom subindikator: \"1.1.1\" subindikator ini bersumber kuesioner, bukan data administrasi (ubah sumber-nya di subindikator.csv menjadi administrasi atau hapus baris ini)"),
            format!("error: {file}:5: kolom subindikator: \"9.9.9\" subindikator tidak ada di subindikator.csv (tambahkan subindikator ini ke instrumen/subindikator.csv)"),
            format!("error: {file}:7: kolom subindikator: \"1.2.1\" data administrasi ganda untuk sekolah dan subindikator ini (baris 6 sudah berisi data ini; hapus salah satu)"),
        ]
    );
    // Administrative data alone needs only subindikator.csv; B: 5/10 → 3.5.
    let year = &years[&2020];
    assert_eq!(year.answers_file, None);
    assert_close(row(year, B).0.values[1], 3.5);
}

#[test]
fn the_instrument_is_required_and_checked() {
    // Answers without an instrument.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(JAWABAN);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, ANSWERS).unwrap();
    let (years, diag) = read(dir.path());
    assert!(years.is_empty());
    assert_eq!(diag.error_count(), 4, "{}", diag.report());
    let first = diag.sorted()[0].to_string();
    assert!(
        first.starts_with("error: content/data/instrumen/bobot_jawaban.csv: file instrumen tidak ada (jawaban kuesioner dan data administrasi dinilai dengan instrumen"),
        "{first}"
    );

    // Role weights that do not sum to 1, an answer weight above 1.
    let dir = site(&[(JAWABAN, ANSWERS)]);
    let root = dir.path().join("content/data/instrumen");
    std::fs::write(
        root.join("bobot_peran.csv"),
        BOBOT_PERAN.replace("1.1.2,ks,0.4", "1.1.2,ks,0.3"),
    )
    .unwrap();
    std::fs::write(
        root.join("bobot_jawaban.csv"),
        BOBOT_JAWABAN.replace("SD,ks,B,0.5", "SD,ks,B,5"),
    )
    .unwrap();
    let (years, diag) = read(dir.path());
    assert!(years.is_empty(), "no scores from a broken instrument");
    assert_eq!(
        problems(&diag),
        [
            "error: content/data/instrumen/bobot_jawaban.csv:7: kolom bobot: \"5\" bobot jawaban di luar 0–1 (bobot adalah angka dari 0 sampai 1, mis. 0,75)",
            "error: content/data/instrumen/bobot_peran.csv:4: kolom bobot: \"1.1.2\" jumlah bobot peran subindikator 1.1.2 adalah 0.9000, harus 1 (ubah bobot peran subindikator ini agar jumlahnya 1 (±0,001))",
        ]
    );
}

#[test]
fn only_listed_years_are_read_and_odd_file_names_are_named() {
    let dir = site(&[
        (JAWABAN, ANSWERS),
        ("content/data/jawaban/2019.csv", ANSWERS),
        ("content/data/jawaban/cadangan.csv", ANSWERS),
    ]);
    let mut diag = Diagnostics::default();
    let years = read_answer_years(dir.path(), &framework(), &schools(), &[2020], &mut diag);
    assert_eq!(years.keys().copied().collect::<Vec<_>>(), [2020]);
    let problems = problems(&diag);
    assert_eq!(
        problems[1],
        "warning: content/data/jawaban/cadangan.csv: nama file bukan tahun; file diabaikan (beri nama <tahun>.csv atau <tahun>.xlsx, mis. 2020.csv)"
    );
    // School B's missing principal, once: 2019.csv is not read.
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with(&format!("warning: {JAWABAN}:12:")));
}

#[test]
fn semicolons_crlf_bom_and_quotes_give_the_same_scores() {
    let (plain, _) = read(site(&[(JAWABAN, ANSWERS)]).path());
    let excel = format!(
        "\u{feff}{}",
        ANSWERS
            .replace(',', ";")
            .replace('\n', "\r\n")
            .replace(";g1;", ";\"g1\";")
    );
    let (years, diag) = read(site(&[(JAWABAN, &excel)]).path());
    assert_eq!(diag.error_count(), 0, "{}", diag.report());
    assert_eq!(years[&2020].rows.len(), 2);
    for (x, y) in plain[&2020].rows.iter().zip(&years[&2020].rows) {
        assert_eq!(
            (&x.npsn, x.line, &x.values, &x.standards),
            (&y.npsn, y.line, &y.values, &y.standards)
        );
    }
}

#[test]
fn spreadsheet_answers_give_the_same_scores_and_name_cells() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Jawaban").unwrap();
    for (r, line) in ANSWERS
        .replace("10000001,guru,g1,B3,B", "10000001,guru,g1,B9,B")
        .lines()
        .enumerate()
    {
        for (c, cell) in line.split(',').enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let dir = site(&[]);
    let path = dir.path().join("content/data/jawaban/2020.xlsx");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    book.save(&path).unwrap();
    let (years, diag) = read(dir.path());
    let errors: Vec<String> = problems(&diag)
        .into_iter()
        .filter(|p| p.starts_with("error"))
        .collect();
    assert_eq!(
        errors,
        ["error: content/data/jawaban/2020.xlsx: Jawaban!D4: kolom butir: \"B9\" butir tidak ada di butir.csv (tambahkan butir ini ke instrumen/butir.csv atau perbaiki kodenya)"]
    );
    // Without B3 from g1: guru in 1.1.2 is g2's 0.125 → 7 × (0.6 × 0.125 + 0.4 × 0.5) = 1.925;
    // 1.1.1 unchanged (4.2): indicator 1.1 = (4.2 + 1.925)/2 = 3.0625.
    let (a, _) = row(&years[&2020], A);
    assert_close(a.values[0], 3.0625);
}
