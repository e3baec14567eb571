//! Markdown content of the national synthetic site: narratives for every province and about a
//! quarter of the kab/kota, for some model schools, and dissemination articles (a few with a
//! participants table read from a CSV beside them), plus the methodology and about pages.
//! Texts are short, generated from phrase lists, in Indonesian, and each says it is synthetic.

use crate::regions::{short_name, Region};
use crate::rng::Rng;
use crate::schools::School;
use crate::{Result, YEARS};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// What was written.
pub struct Written {
    pub narratives: usize,
    pub articles: usize,
}

const SYNTHETIC_NOTE: &str =
    "*Teks ini dibuat otomatis oleh rapor-gen untuk uji kinerja: kegiatan, \
tanggal, nama sekolah, NPSN dan nilai di situs ini sintetis; nama dan kode wilayah nyata.*";

pub fn write(out: &Path, regions: &[Region], schools: &[School], seed: u64) -> Result<Written> {
    let content = out.join("content");
    for dir in ["wilayah", "sekolah", "kegiatan", "halaman"] {
        fs::create_dir_all(content.join(dir))?;
    }
    let mut by_district: BTreeMap<&str, Vec<&School>> = BTreeMap::new();
    for s in schools {
        by_district
            .entry(s.kode_wilayah.as_str())
            .or_default()
            .push(s);
    }
    let name_of = |kode: &str| {
        regions
            .iter()
            .find(|r| r.kode == kode)
            .map(|r| r.nama.clone())
            .unwrap_or_else(|| kode.to_string())
    };
    let mut narratives = 0;

    // Provinces: every one; kab/kota: every fourth with schools.
    for province in regions.iter().filter(|r| r.jenis == "provinsi") {
        let here: Vec<&School> = by_district
            .iter()
            .filter(|(k, _)| k.split('.').next() == Some(province.kode.as_str()))
            .flat_map(|(_, list)| list.iter().copied())
            .collect();
        let mut rng = Rng::derive(seed, &format!("nasional/narasi/{}", province.kode));
        let text = region_narrative(&province.nama, "provinsi", &here, &mut rng);
        fs::write(content.join(format!("wilayah/{}.md", province.kode)), text)?;
        narratives += 1;
    }
    for (i, (kode, here)) in by_district.iter().enumerate() {
        if i % 4 != 0 {
            continue;
        }
        let mut rng = Rng::derive(seed, &format!("nasional/narasi/{kode}"));
        let text = region_narrative(&name_of(kode), "kabupaten/kota", here, &mut rng);
        fs::write(content.join(format!("wilayah/{kode}.md")), text)?;
        narratives += 1;
    }

    // Schools: about one per thousand (3 to 300), model schools first.
    let wanted = (schools.len() / 1000).clamp(3, 300).min(schools.len());
    let mut candidates: Vec<&School> = schools.iter().filter(|s| s.is_model()).collect();
    candidates.extend(schools.iter().filter(|s| !s.is_model()));
    let step = (candidates.len() / wanted.max(1)).max(1);
    for school in candidates.iter().step_by(step).take(wanted) {
        let mut rng = Rng::derive(seed, &format!("nasional/narasi/{}", school.npsn));
        let text = school_narrative(school, &name_of(&school.kode_wilayah), &mut rng);
        fs::write(content.join(format!("sekolah/{}.md", school.npsn)), text)?;
        narratives += 1;
    }

    // Articles: about one per thousand schools (6 to 300), spread over the kab/kota.
    let districts: Vec<(&str, &Vec<&School>)> = by_district.iter().map(|(k, v)| (*k, v)).collect();
    let count = (schools.len() / 1000).clamp(6, 300);
    let mut articles = 0;
    if !districts.is_empty() {
        let step = (districts.len() as f64 / count as f64).max(1.0);
        for a in 0..count {
            let (kode, here) = districts[((a as f64 * step) as usize) % districts.len()];
            let province = kode.split('.').next().unwrap_or(kode);
            let province_districts: Vec<(&str, &Vec<&School>)> = districts
                .iter()
                .filter(|(k, _)| k.split('.').next() == Some(province))
                .copied()
                .collect();
            let mut rng = Rng::derive(seed, &format!("nasional/kegiatan/{a}"));
            let article = Article {
                index: a,
                kode,
                name: name_of(kode),
                province,
                province_name: name_of(province),
                schools: here,
                province_districts: &province_districts,
                with_table: a % 10 == 0,
            };
            let (slug, text, table) = article.render(&mut rng, &name_of);
            fs::write(content.join(format!("kegiatan/{slug}.md")), text)?;
            if let Some(csv) = table {
                fs::write(content.join(format!("kegiatan/{slug}-peserta.csv")), csv)?;
            }
            articles += 1;
        }
    }

    fs::write(content.join("halaman/metodologi.md"), METHODOLOGY)?;
    fs::write(content.join("halaman/tentang.md"), ABOUT)?;
    Ok(Written {
        narratives,
        articles,
    })
}

const OPENINGS: [&str; 4] = [
    "Halaman ini merangkum hasil pemetaan mutu sekolah di {wilayah}.",
    "Ringkasan ini disusun untuk dinas pendidikan, pengawas, dan sekolah di {wilayah}.",
    "Peta mutu {wilayah} disajikan di halaman ini bersama rekomendasi tindak lanjutnya.",
    "Di {wilayah}, pemetaan mutu dilakukan setiap tahun sebagai bagian dari siklus SPMI.",
];
const FOCUS: [&str; 5] = [
    "Standar sarana dan prasarana serta standar pendidik dan tenaga kependidikan masih menjadi prioritas pembenahan.",
    "Perencanaan pembelajaran dan tindak lanjut hasil penilaian menjadi perhatian utama tahun ini.",
    "Pengelolaan dana BOS yang transparan dan terencana mulai tampak pada rapor mutu sekolah.",
    "Kepemimpinan kepala sekolah dan kerja TPMPS menentukan apakah rekomendasi benar-benar masuk ke RKS.",
    "Sekolah model diharapkan menularkan praktik baiknya kepada sekolah imbas di gugus yang sama.",
];
const NEXT_STEPS: [&str; 4] = [
    "Langkah berikutnya adalah memastikan setiap rekomendasi masuk ke dalam RKS dan RKAS sekolah.",
    "Pendampingan berikutnya akan difokuskan pada sekolah dengan capaian terendah di setiap standar.",
    "TPMPD akan memantau kemajuan sekolah imbas bersama pengawas pembina setiap semester.",
    "Hasil pemetaan ini menjadi dasar rapat koordinasi mutu pada awal tahun anggaran.",
];

fn fill(template: &str, wilayah: &str) -> String {
    template.replace("{wilayah}", wilayah)
}

fn region_narrative(nama: &str, jenis: &str, schools: &[&School], rng: &mut Rng) -> String {
    let models = schools.iter().filter(|s| s.is_model()).count();
    let imbas = schools.iter().filter(|s| s.is_imbas()).count();
    format!(
        "+++\njudul = \"Catatan mutu {nama}\"\n+++\n\n{SYNTHETIC_NOTE}\n\n{} Data {} ini mencakup {} sekolah, \
         {models} di antaranya sekolah model dan {imbas} sekolah imbas.\n\n{} {}\n\n## Tindak lanjut\n\n{}\n",
        fill(rng.pick::<&str>(&OPENINGS), nama),
        jenis,
        schools.len(),
        rng.pick(&FOCUS),
        rng.pick(&FOCUS),
        rng.pick(&NEXT_STEPS),
    )
}

fn school_narrative(school: &School, district: &str, rng: &mut Rng) -> String {
    let role = if school.is_model() {
        "sebagai sekolah model SPMI, kami mendampingi beberapa sekolah imbas di sekitar kami"
    } else if school.is_imbas() {
        "sebagai sekolah imbas, kami belajar dari sekolah model di gugus kami"
    } else {
        "kami menjalankan siklus SPMI secara mandiri dengan dukungan pengawas pembina"
    };
    format!(
        "+++\njudul = \"Catatan TPMPS {}\"\n+++\n\n{SYNTHETIC_NOTE}\n\nDi {district}, {role}. {}\n\n{}\n",
        school.nama,
        rng.pick(&FOCUS),
        rng.pick(&NEXT_STEPS),
    )
}

/// One generated dissemination article.
struct Article<'a> {
    index: usize,
    kode: &'a str,
    name: String,
    province: &'a str,
    province_name: String,
    schools: &'a [&'a School],
    province_districts: &'a [(&'a str, &'a Vec<&'a School>)],
    with_table: bool,
}

const KINDS: [(&str, &str, &str); 5] = [
    ("diseminasi-peta-mutu", "Diseminasi peta mutu", "diseminasi"),
    (
        "pendampingan-spmi",
        "Pendampingan SPMI sekolah model dan imbas",
        "pendampingan",
    ),
    (
        "visitasi-sekolah-imbas",
        "Visitasi sekolah imbas",
        "visitasi",
    ),
    (
        "bimtek-fasilitator-daerah",
        "Bimbingan teknis fasilitator daerah",
        "bimtek",
    ),
    (
        "sosialisasi-pengumpulan-data",
        "Sosialisasi pengumpulan data mutu",
        "sosialisasi",
    ),
];

impl Article<'_> {
    /// (slug, markdown, participants CSV).
    fn render(
        &self,
        rng: &mut Rng,
        name_of: &dyn Fn(&str) -> String,
    ) -> (String, String, Option<String>) {
        let (kind_slug, kind_title, tag) = KINDS[self.index % KINDS.len()];
        let year = YEARS[self.index % YEARS.len()];
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let slug = format!(
            "{kind_slug}-{}-{year}-{}",
            self.kode.replace('.', "-"),
            self.index + 1
        );
        let wide = self.with_table || self.index.is_multiple_of(3);
        let mut wilayah = vec![format!("\"{}\"", self.kode)];
        if wide {
            wilayah.push(format!("\"{}\"", self.province));
        }
        let named: Vec<String> = self
            .schools
            .iter()
            .filter(|s| s.programme)
            .take(1 + rng.below(3))
            .map(|s| format!("\"{}\"", s.npsn))
            .collect();
        let place = format!("Aula dinas pendidikan {}", short_name(&self.name));
        let summary = format!(
            "{kind_title} bagi sekolah di {} bersama dinas pendidikan, pengawas pembina, dan TPMPD.",
            self.name
        );
        let mut front = format!(
            "+++\njudul = \"{kind_title} {year} di {}\"\ntanggal = {year}-{month:02}-{day:02}\n\
             wilayah = [{}]\nsekolah = [{}]\ntag = [\"{tag}\", \"spmi\"]\ntempat = \"{place}\"\n\
             ringkasan = \"{summary}\"\n",
            self.name,
            wilayah.join(", "),
            named.join(", "),
        );
        let table = self.with_table.then(|| {
            front.push_str(&format!(
                "\n[[tabel]]\nberkas = \"{slug}-peserta.csv\"\njudul = \"Peserta per kabupaten/kota, {}\"\n\
                 kolom = [\"Kab/Kota\", \"Kode\", \"Pengawas\", \"KS model\", \"KS imbas\"]\n\
                 jumlah_baris = \"Jumlah\"\njumlah_kolom = \"Total\"\n",
                self.province_name
            ));
            let mut csv = String::from("kab_kota,kode_wilayah,pengawas,ks_model,ks_imbas\n");
            for (kode, here) in self.province_districts {
                let models = here.iter().filter(|s| s.is_model()).count();
                let imbas = here.iter().filter(|s| s.is_imbas()).count();
                csv.push_str(&format!(
                    "{},{kode},{},{models},{imbas}\n",
                    short_name(&name_of(kode)),
                    1 + models / 3
                ));
            }
            csv
        });
        front.push_str("+++\n");
        let body = format!(
            "\n{SYNTHETIC_NOTE}\n\n{} {}\n\n## Hasil\n\n- {}\n- {}\n\n{}\n",
            fill(rng.pick::<&str>(&OPENINGS), &self.name),
            rng.pick(&FOCUS),
            rng.pick(&FOCUS),
            rng.pick(&NEXT_STEPS),
            rng.pick(&NEXT_STEPS),
        );
        (slug, front + &body, table)
    }
}

const METHODOLOGY: &str = "+++\njudul = \"Metodologi\"\nurutan = 1\n+++\n\n\
*Situs ini adalah contoh sintetis untuk uji kinerja rapor pada skala nasional.*\n\n\
Nilai indikator tahun 2017–2019 dibaca dari tabel nilai; nilai 2020 dihitung dari jawaban kuesioner \
dan data administrasi dengan metode PMP: nilai subindikator adalah 7 × jumlah bobot peran × rerata \
peran, indikator adalah rerata subindikatornya, standar adalah rerata semua subindikatornya, dan \
nilai sekolah adalah rerata standar. Rerata wilayah adalah rerata nilai sekolah, selalu disertai \
jumlah sekolah.\n";

const ABOUT: &str = "+++\njudul = \"Tentang situs ini\"\nurutan = 2\n+++\n\n\
Situs ini dibuat oleh `rapor-gen national` untuk mengukur kinerja rapor pada skala nasional. \
Nama sekolah, NPSN, nilai, jawaban kuesioner, narasi dan kegiatan semuanya **sintetis**.\n\n\
## Sumber data wilayah\n\n\
Kode dan nama wilayah: Cahya DSN, github.com/cahyadsn/wilayah (lisensi MIT, \
Copyright (c) 2017-2025 Cahya DSN), sesuai Kepmendagri No 300.2.2-2138 Tahun 2025.\n";
