//! A synthetic PMP-style questionnaire instrument for the rapor-mutu preset: 101
//! sub-indicators over the 29 indicators (6 of them from administrative data, in standards 5
//! and 6), 2–4 items per questionnaire sub-indicator, answer options A–E with weights by
//! jenjang and role (a few items scored in reverse), and role weights per sub-indicator.
//!
//! Roles answer only the items that concern them: the principal (ks) answers every item of
//! the sub-indicators he is asked about; teachers, students and the school committee answer
//! one item of the sub-indicators of their standards, drawn with a standard-dependent chance.

use crate::rng::Rng;
use crate::schools::Jenjang;

/// Respondent roles, in file order.
pub const ROLES: [&str; 4] = ["ks", "guru", "siswa", "komite"];
pub const KS: usize = 0;
pub const GURU: usize = 1;
pub const SISWA: usize = 2;
pub const KOMITE: usize = 3;

/// Answer options, best first.
pub const OPTIONS: [u8; 5] = *b"ABCDE";

/// Relative role weights before they are normalised over a sub-indicator's roles.
const ROLE_BASE_WEIGHT: [u32; 4] = [40, 30, 20, 10];

/// Per standard: the chance that guru, siswa and komite are asked about a sub-indicator.
const ROLE_CHANCE: [[f64; 3]; 8] = [
    [0.55, 0.50, 0.00], // SKL: what pupils can do and how they behave
    [0.55, 0.00, 0.10], // Isi: curriculum
    [0.55, 0.35, 0.00], // Proses: lessons
    [0.50, 0.25, 0.00], // Penilaian: assessment
    [0.40, 0.00, 0.00], // PTK: staff
    [0.30, 0.25, 0.20], // Sarpras: buildings and equipment
    [0.30, 0.00, 0.40], // Pengelolaan: management
    [0.10, 0.00, 0.70], // Pembiayaan: money
];

/// Share of items worded negatively (A is the worst answer).
const REVERSE_SHARE: f64 = 0.04;

/// (code, name, from administrative data). Names are paraphrased, the set is synthetic.
const SUBINDICATORS: [(&str, &str, bool); 101] = [
    (
        "1.1.1",
        "Siswa berperilaku beriman dan bertakwa kepada Tuhan Yang Maha Esa",
        false,
    ),
    ("1.1.2", "Siswa berkarakter jujur dan peduli", false),
    ("1.1.3", "Siswa bertanggung jawab dan disiplin", false),
    (
        "1.1.4",
        "Siswa menghargai keberagaman dan menjaga lingkungan",
        false,
    ),
    ("1.2.1", "Siswa menguasai pengetahuan faktual", false),
    (
        "1.2.2",
        "Siswa menguasai pengetahuan konseptual dan prosedural",
        false,
    ),
    ("1.2.3", "Siswa menguasai pengetahuan metakognitif", false),
    ("1.3.1", "Siswa berpikir kritis dan kreatif", false),
    ("1.3.2", "Siswa produktif dan mandiri", false),
    ("1.3.3", "Siswa mampu berkolaborasi", false),
    ("1.3.4", "Siswa mampu berkomunikasi", false),
    (
        "2.1.1",
        "Perangkat pembelajaran sesuai rumusan kompetensi sikap",
        false,
    ),
    (
        "2.1.2",
        "Perangkat pembelajaran sesuai rumusan kompetensi pengetahuan",
        false,
    ),
    (
        "2.1.3",
        "Perangkat pembelajaran sesuai rumusan kompetensi keterampilan",
        false,
    ),
    (
        "2.2.1",
        "Kurikulum disusun oleh tim pengembang sekolah",
        false,
    ),
    (
        "2.2.2",
        "Kurikulum disusun dengan melibatkan komite dan pemangku kepentingan",
        false,
    ),
    (
        "2.2.3",
        "Kurikulum dikembangkan sesuai acuan dan prinsip pengembangan",
        false,
    ),
    ("2.2.4", "Kurikulum disahkan dan disosialisasikan", false),
    ("2.3.1", "Muatan kurikulum sesuai kerangka dasar", false),
    (
        "2.3.2",
        "Beban belajar dan kalender pendidikan sesuai ketentuan",
        false,
    ),
    (
        "2.3.3",
        "Muatan lokal dan pengembangan diri sesuai ketentuan",
        false,
    ),
    ("3.1.1", "Silabus memuat komponen yang ditetapkan", false),
    ("3.1.2", "RPP disusun lengkap dan sistematis", false),
    ("3.1.3", "RPP memuat pendekatan pembelajaran aktif", false),
    (
        "3.1.4",
        "Perencanaan pembelajaran memperhatikan perbedaan individu siswa",
        false,
    ),
    (
        "3.2.1",
        "Rombongan belajar dan beban mengajar sesuai ketentuan",
        false,
    ),
    (
        "3.2.2",
        "Pembelajaran interaktif, inspiratif, dan menyenangkan",
        false,
    ),
    ("3.2.3", "Guru mengelola kelas dengan baik", false),
    (
        "3.2.4",
        "Pembelajaran memanfaatkan sumber belajar dan teknologi",
        false,
    ),
    (
        "3.3.1",
        "Kepala sekolah melakukan supervisi pembelajaran",
        false,
    ),
    ("3.3.2", "Hasil supervisi ditindaklanjuti", false),
    ("3.3.3", "Pembelajaran dievaluasi secara berkala", false),
    ("4.1.1", "Penilaian mencakup ranah sikap", false),
    ("4.1.2", "Penilaian mencakup ranah pengetahuan", false),
    ("4.1.3", "Penilaian mencakup ranah keterampilan", false),
    ("4.2.1", "Penilaian menggunakan teknik yang beragam", false),
    ("4.2.2", "Penilaian objektif dan adil", false),
    (
        "4.2.3",
        "Kriteria penilaian diinformasikan kepada siswa",
        false,
    ),
    ("4.3.1", "Hasil penilaian dianalisis", false),
    (
        "4.3.2",
        "Hasil penilaian digunakan untuk remedial dan pengayaan",
        false,
    ),
    (
        "4.3.3",
        "Hasil penilaian dilaporkan kepada orang tua",
        false,
    ),
    (
        "4.4.1",
        "Instrumen penilaian sikap sesuai aspek yang dinilai",
        false,
    ),
    (
        "4.4.2",
        "Instrumen penilaian pengetahuan sesuai kisi-kisi",
        false,
    ),
    (
        "4.4.3",
        "Instrumen penilaian keterampilan sesuai aspek yang dinilai",
        false,
    ),
    (
        "4.5.1",
        "Penilaian dilakukan sesuai prosedur yang ditetapkan",
        false,
    ),
    (
        "4.5.2",
        "Ujian sekolah diselenggarakan sesuai prosedur",
        false,
    ),
    (
        "4.5.3",
        "Kelulusan ditetapkan melalui rapat dewan guru",
        false,
    ),
    (
        "4.5.4",
        "Penilaian dilakukan oleh pendidik, satuan pendidikan, dan pemerintah",
        false,
    ),
    ("5.1.1", "Guru berkualifikasi akademik minimal S1/D4", true),
    ("5.1.2", "Guru bersertifikat pendidik", true),
    ("5.1.3", "Guru memiliki kompetensi pedagogik", false),
    (
        "5.1.4",
        "Guru memiliki kompetensi profesional, sosial, dan kepribadian",
        false,
    ),
    ("5.2.1", "Kepala sekolah memenuhi kualifikasi", false),
    (
        "5.2.2",
        "Kepala sekolah memiliki kompetensi manajerial",
        false,
    ),
    (
        "5.2.3",
        "Kepala sekolah memiliki kompetensi kewirausahaan",
        false,
    ),
    (
        "5.2.4",
        "Kepala sekolah memiliki kompetensi supervisi",
        false,
    ),
    ("5.3.1", "Jumlah tenaga administrasi sesuai ketentuan", true),
    (
        "5.3.2",
        "Tenaga administrasi memiliki kompetensi teknis",
        false,
    ),
    (
        "5.3.3",
        "Tenaga administrasi memiliki kompetensi sosial dan kepribadian",
        false,
    ),
    ("5.4.1", "Tersedia tenaga laboratorium", false),
    ("5.4.2", "Tenaga laboratorium memenuhi kualifikasi", false),
    ("5.4.3", "Tenaga laboratorium memiliki kompetensi", false),
    ("5.5.1", "Tersedia tenaga perpustakaan", false),
    ("5.5.2", "Tenaga perpustakaan memenuhi kualifikasi", false),
    ("5.5.3", "Tenaga perpustakaan memiliki kompetensi", false),
    ("6.1.1", "Luas lahan per siswa sesuai ketentuan", true),
    (
        "6.1.2",
        "Jumlah ruang kelas sesuai jumlah rombongan belajar",
        true,
    ),
    ("6.1.3", "Luas bangunan per siswa sesuai ketentuan", true),
    ("6.1.4", "Lahan dan bangunan aman, sehat, dan nyaman", false),
    ("6.2.1", "Ruang kelas dilengkapi sarana pembelajaran", false),
    (
        "6.2.2",
        "Perpustakaan memiliki koleksi buku yang memadai",
        false,
    ),
    (
        "6.2.3",
        "Laboratorium dilengkapi peralatan yang layak",
        false,
    ),
    (
        "6.2.4",
        "Media dan alat peraga pembelajaran tersedia",
        false,
    ),
    (
        "6.3.1",
        "Tersedia ruang pimpinan, ruang guru, dan ruang tata usaha",
        false,
    ),
    ("6.3.2", "Tersedia tempat ibadah dan ruang UKS", false),
    ("6.3.3", "Tersedia jamban yang layak dan terpisah", false),
    (
        "6.3.4",
        "Tersedia tempat bermain, berolahraga, dan kantin",
        false,
    ),
    ("7.1.1", "Sekolah memiliki visi, misi, dan tujuan", false),
    (
        "7.1.2",
        "Sekolah menyusun rencana kerja jangka menengah dan tahunan",
        false,
    ),
    (
        "7.1.3",
        "Rencana kerja disusun berdasarkan evaluasi diri sekolah",
        false,
    ),
    (
        "7.1.4",
        "Rencana kerja disetujui komite dan disosialisasikan",
        false,
    ),
    ("7.2.1", "Sekolah memiliki pedoman pengelolaan", false),
    (
        "7.2.2",
        "Struktur organisasi dan pembagian tugas jelas",
        false,
    ),
    ("7.2.3", "Program kerja dilaksanakan sesuai rencana", false),
    (
        "7.2.4",
        "Kegiatan kesiswaan dan kemitraan dilaksanakan",
        false,
    ),
    (
        "7.3.1",
        "Kepala sekolah menjalankan kepemimpinan pembelajaran",
        false,
    ),
    ("7.3.2", "Kepala sekolah membangun budaya mutu", false),
    (
        "7.3.3",
        "Kepala sekolah melibatkan warga sekolah dalam pengambilan keputusan",
        false,
    ),
    (
        "7.3.4",
        "Kepala sekolah menjalin kerja sama dengan masyarakat",
        false,
    ),
    (
        "7.4.1",
        "Sekolah mengelola sistem informasi manajemen",
        false,
    ),
    (
        "7.4.2",
        "Informasi sekolah mudah diakses warga sekolah dan masyarakat",
        false,
    ),
    ("7.4.3", "Data sekolah diperbarui secara berkala", false),
    (
        "8.1.1",
        "Sekolah memberikan bantuan bagi siswa kurang mampu",
        false,
    ),
    (
        "8.1.2",
        "Biaya pendidikan memperhatikan kemampuan orang tua",
        false,
    ),
    (
        "8.1.3",
        "Sekolah menggalang dana masyarakat untuk subsidi silang",
        false,
    ),
    ("8.2.1", "Biaya operasi personalia sesuai ketentuan", false),
    (
        "8.2.2",
        "Biaya operasi nonpersonalia sesuai ketentuan",
        false,
    ),
    (
        "8.2.3",
        "Sekolah memiliki dana cadangan untuk kebutuhan mendesak",
        false,
    ),
    ("8.3.1", "Rencana anggaran disusun bersama komite", false),
    (
        "8.3.2",
        "Penggunaan dana dilaporkan secara transparan",
        false,
    ),
    (
        "8.3.3",
        "Pengelolaan dana diaudit dan dipertanggungjawabkan",
        false,
    ),
];

#[derive(Debug, Clone, PartialEq)]
pub struct Sub {
    pub code: &'static str,
    pub nama: &'static str,
    pub admin: bool,
    /// 0-based standard and indicator (in rapor-mutu order).
    pub standard: usize,
    pub indicator: usize,
    /// Role weights in hundredths, summing to 100 (questionnaire only).
    pub role_weights: Vec<(usize, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub code: String,
    /// Index in `Instrument::subs`.
    pub sub: usize,
    /// Which roles answer it (bit per role).
    pub roles: u8,
    /// Negatively worded: A is the worst answer.
    pub reverse: bool,
    /// Added to a respondent's tendency: some items are answered more favourably.
    pub ease: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Instrument {
    pub subs: Vec<Sub>,
    pub items: Vec<Item>,
    /// Items each role answers, in item order.
    pub items_by_role: [Vec<usize>; 4],
}

/// The weight of each option (A–E) in hundredths, by jenjang and role, for a normal item.
pub fn option_weights(jenjang: Jenjang, role: usize) -> [u32; 5] {
    match (role, jenjang) {
        (SISWA, Jenjang::Sd) => [100, 70, 40, 10, 0],
        (SISWA, Jenjang::Slb) => [100, 80, 60, 30, 0],
        (KOMITE, _) => [100, 80, 50, 20, 0],
        (KS, Jenjang::Smk) => [100, 70, 45, 20, 0],
        _ => [100, 75, 50, 25, 0],
    }
}

/// The weight of option `option` (0 = A) of `item` for `jenjang` and `role`.
pub fn weight(item: &Item, jenjang: Jenjang, role: usize, option: usize) -> u32 {
    let weights = option_weights(jenjang, role);
    if item.reverse {
        weights[4 - option]
    } else {
        weights[option]
    }
}

/// Indicator index (0-based, rapor-mutu order) of `d.i` codes.
fn indicator_index(code: &str) -> (usize, usize) {
    const SIZES: [usize; 8] = [3, 3, 3, 5, 5, 3, 4, 3];
    let mut parts = code
        .split('.')
        .map(|p| p.parse::<usize>().expect("numeric code"));
    let standard = parts.next().expect("standard") - 1;
    let indicator = parts.next().expect("indicator") - 1;
    (
        standard,
        SIZES[..standard].iter().sum::<usize>() + indicator,
    )
}

pub fn generate(seed: u64) -> Instrument {
    let mut rng = Rng::derive(seed, "instrumen");
    let mut subs = Vec::new();
    let mut items = Vec::new();
    for (code, nama, admin) in SUBINDICATORS {
        let (standard, indicator) = indicator_index(code);
        let sub_index = subs.len();
        let mut role_weights = Vec::new();
        if !admin {
            let mut roles = vec![KS];
            for (k, chance) in ROLE_CHANCE[standard].iter().enumerate() {
                if rng.chance(*chance) {
                    roles.push(k + 1);
                }
            }
            let n_items = 2 + rng.below(3);
            let first = items.len();
            for k in 0..n_items {
                items.push(Item {
                    code: format!("B{:03}", first + k + 1),
                    sub: sub_index,
                    roles: 1 << KS,
                    reverse: rng.chance(REVERSE_SHARE),
                    ease: rng.normal(0.0, 0.03),
                });
            }
            for &role in &roles[1..] {
                let item = first + rng.below(n_items);
                items[item].roles |= 1 << role;
            }
            role_weights = normalised_weights(&roles);
        }
        subs.push(Sub {
            code,
            nama,
            admin,
            standard,
            indicator,
            role_weights,
        });
    }
    // Easier and harder items balance out.
    let mean_ease = items.iter().map(|i| i.ease).sum::<f64>() / items.len() as f64;
    for item in &mut items {
        item.ease -= mean_ease;
    }
    let items_by_role = std::array::from_fn(|role| {
        (0..items.len())
            .filter(|&i| items[i].roles & (1 << role) != 0)
            .collect()
    });
    Instrument {
        subs,
        items,
        items_by_role,
    }
}

/// Base weights over `roles`, in hundredths summing to exactly 100 (the rest to ks).
fn normalised_weights(roles: &[usize]) -> Vec<(usize, u32)> {
    let total: u32 = roles.iter().map(|&r| ROLE_BASE_WEIGHT[r]).sum();
    let mut weights: Vec<(usize, u32)> = roles
        .iter()
        .map(|&r| (r, (ROLE_BASE_WEIGHT[r] * 100 + total / 2) / total))
        .collect();
    let sum: u32 = weights.iter().map(|w| w.1).sum();
    weights[0].1 = weights[0].1 + 100 - sum;
    weights
}

/// `0.75` from 75 hundredths.
pub fn hundredths(value: u32) -> String {
    format!("{}.{:02}", value / 100, value % 100)
}

/// The four instrument tables: (file name, CSV text).
pub fn render(instrument: &Instrument) -> Vec<(&'static str, Vec<u8>)> {
    let mut sub = String::from("kode,nama,sumber\n");
    for s in &instrument.subs {
        let sumber = if s.admin { "administrasi" } else { "kuesioner" };
        sub.push_str(&format!("{},{},{sumber}\n", s.code, csv_text(s.nama)));
    }
    let mut butir = String::from("butir,subindikator\n");
    for item in &instrument.items {
        butir.push_str(&format!(
            "{},{}\n",
            item.code, instrument.subs[item.sub].code
        ));
    }
    let mut jawaban = String::from("jenjang,peran,jawaban,bobot,butir\n");
    for jenjang in Jenjang::ALL {
        for (role, name) in ROLES.iter().enumerate() {
            for (option, &letter) in OPTIONS.iter().enumerate() {
                let w = option_weights(jenjang, role)[option];
                jawaban.push_str(&format!(
                    "{},{name},{},{},\n",
                    jenjang.label(),
                    letter as char,
                    hundredths(w)
                ));
            }
        }
    }
    for item in instrument.items.iter().filter(|i| i.reverse) {
        for jenjang in Jenjang::ALL {
            for (role, name) in ROLES.iter().enumerate() {
                if item.roles & (1 << role) == 0 {
                    continue;
                }
                for (option, &letter) in OPTIONS.iter().enumerate() {
                    jawaban.push_str(&format!(
                        "{},{name},{},{},{}\n",
                        jenjang.label(),
                        letter as char,
                        hundredths(weight(item, jenjang, role, option)),
                        item.code
                    ));
                }
            }
        }
    }
    let mut peran = String::from("subindikator,peran,bobot\n");
    for s in &instrument.subs {
        for &(role, w) in &s.role_weights {
            peran.push_str(&format!("{},{},{}\n", s.code, ROLES[role], hundredths(w)));
        }
    }
    vec![
        ("subindikator.csv", sub.into_bytes()),
        ("butir.csv", butir.into_bytes()),
        ("bobot_jawaban.csv", jawaban.into_bytes()),
        ("bobot_peran.csv", peran.into_bytes()),
    ]
}

/// A CSV cell, quoted when it holds a comma.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_of_the_instrument() {
        let inst = generate(2020);
        assert_eq!(inst.subs.len(), 101);
        assert_eq!(inst.subs.iter().filter(|s| s.admin).count(), 6);
        assert!(inst
            .subs
            .iter()
            .filter(|s| s.admin)
            .all(|s| s.standard == 4 || s.standard == 5));
        let mut per_indicator = [0; 29];
        for s in &inst.subs {
            per_indicator[s.indicator] += 1;
        }
        assert!(
            per_indicator.iter().all(|&n| (3..=4).contains(&n)),
            "{per_indicator:?}"
        );
        for (i, s) in inst.subs.iter().enumerate() {
            let items = inst.items.iter().filter(|it| it.sub == i).count();
            if s.admin {
                assert_eq!((items, s.role_weights.len()), (0, 0), "{}", s.code);
                continue;
            }
            assert!((2..=4).contains(&items), "{}: {items} items", s.code);
            assert_eq!(
                s.role_weights.iter().map(|w| w.1).sum::<u32>(),
                100,
                "{}",
                s.code
            );
            for &(role, _) in &s.role_weights {
                assert!(
                    inst.items
                        .iter()
                        .any(|it| it.sub == i && it.roles & (1 << role) != 0),
                    "{}: role {role} weighted but answers nothing",
                    s.code
                );
            }
        }
        assert!(inst.items.iter().any(|i| i.reverse));
    }

    #[test]
    fn weights_are_normalised_to_hundredths() {
        assert_eq!(normalised_weights(&[KS]), [(KS, 100)]);
        assert_eq!(normalised_weights(&[KS, GURU]), [(KS, 57), (GURU, 43)]);
        let w = normalised_weights(&[KS, GURU, SISWA, KOMITE]);
        assert_eq!(w, [(KS, 40), (GURU, 30), (SISWA, 20), (KOMITE, 10)]);
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(hundredths(100), "1.00");
    }
}
