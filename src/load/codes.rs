//! NPSN and region codes stay text. Spreadsheets turn them into numbers and lose zeros or
//! dots; these functions read such values back, saying how they were read (a warning), and
//! refuse what cannot be read unambiguously (an error).

/// A code as read: the canonical text, plus a note when it had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub text: String,
    /// How the value was read, when it differs from what was written.
    pub note: Option<String>,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// NPSN: 8 digits. A number that lost its leading zeros (`1234567`) or gained `.0`
/// (`10400001.0`) is repaired with a note; anything else is an error (the hint is returned).
pub fn npsn(raw: &str) -> Result<Code, String> {
    let text = raw.trim();
    let stripped = text.strip_suffix(".0").filter(|s| digits(s));
    let core = stripped.unwrap_or(text);
    if !digits(core) || core.len() > 8 {
        return Err("tulis NPSN sebagai teks 8 angka, mis. 10400001".into());
    }
    if core.len() == 8 && stripped.is_none() {
        return Ok(Code {
            text: core.to_string(),
            note: None,
        });
    }
    let fixed = format!("{core:0>8}");
    Ok(Code {
        note: Some(format!(
            "dibaca sebagai {fixed} (angka nol di depan atau format angka hilang di spreadsheet; format kolom sebagai teks)"
        )),
        text: fixed,
    })
}

/// A province code: two digits.
pub fn province(raw: &str) -> Result<Code, String> {
    let text = raw.trim();
    if text.len() == 2 && digits(text) {
        Ok(Code {
            text: text.into(),
            note: None,
        })
    } else {
        Err("kode provinsi dua angka, mis. 14".into())
    }
}

/// A kab/kota code `NN.NN`. `1403` (BPS style, no dot) and `14.1` (a number that lost its
/// trailing zero) are repaired with a note; other shapes are errors.
pub fn kabkota(raw: &str) -> Result<Code, String> {
    let text = raw.trim();
    let repaired = |fixed: String, why: &str| {
        Ok(Code {
            note: Some(format!(
                "dibaca sebagai {fixed} ({why}; tulis kode Kemendagri bertitik)"
            )),
            text: fixed,
        })
    };
    match text.split_once('.') {
        Some((p, k)) if p.len() == 2 && digits(p) && k.len() == 2 && digits(k) => Ok(Code {
            text: text.into(),
            note: None,
        }),
        Some((p, k)) if p.len() == 2 && digits(p) && k.len() == 1 && digits(k) => repaired(
            format!("{p}.{k}0"),
            "angka nol di belakang hilang di spreadsheet",
        ),
        None if text.len() == 4 && digits(text) => repaired(
            format!("{}.{}", &text[..2], &text[2..]),
            "ditulis tanpa titik",
        ),
        _ => Err("kode kab/kota bertitik, mis. 14.03".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npsn_keeps_and_repairs_leading_zeros() {
        assert_eq!(
            npsn("01400001").unwrap(),
            Code {
                text: "01400001".into(),
                note: None
            }
        );
        let fixed = npsn("1400001").unwrap();
        assert_eq!(fixed.text, "01400001");
        assert!(fixed.note.unwrap().contains("01400001"));
        assert_eq!(npsn("10400001.0").unwrap().text, "10400001");
        assert!(npsn("104000011").is_err());
        assert!(npsn("1040-001").is_err());
        assert!(npsn("").is_err());
    }

    #[test]
    fn kabkota_codes_are_read_back() {
        assert_eq!(kabkota("14.03").unwrap().note, None);
        assert_eq!(kabkota("1403").unwrap().text, "14.03");
        assert_eq!(kabkota("14.1").unwrap().text, "14.10");
        assert!(kabkota("14.1").unwrap().note.unwrap().contains("14.10"));
        assert!(kabkota("140").is_err());
        assert!(kabkota("14.001").is_err());
        assert!(kabkota("14").is_err());
    }
}
