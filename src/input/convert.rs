//! Files the page's main module hands to the second module: .xlsx workbooks and legacy-encoded
//! text (GBK, Big5, Windows-1252, ...). Their readers (calamine, encoding_rs, chardetng) are
//! most of the size of a module that has them, and most shops never drop such a file, so the
//! browser worker loads the module that holds them only when one comes
//! (the main module's `Error::NeedsConverter` says so).
//!
//! The second module gives back a [`Converted`] and, for text, the file's text as UTF-8, packed
//! by [`pack`] into one byte array: the [`Answer`] (a tag byte, then its fields: numbers as
//! little-endian `u32` / `u64`, strings as a `u32` length and UTF-8), then the text. (Written by
//! hand: a derived deserializer of these types was 16 KB of the main module.) The main module reads that with [`unpack`] and opens it with
//! [`super::table::Source::open_converted`], which gives what opening the original file with
//! both readers built in gives (a test below checks this natively, where both exist).

use crate::Error;

/// A file as the second module read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Converted {
    /// Text decoded from `encoding`; the bytes that come with it are the text as UTF-8.
    Text { encoding: String },
    /// A workbook's sheet: its filled cells as (row, column, text), 0-based, in the order read.
    Sheet { sheet: String, sheets: Vec<String>, cells: Vec<(u32, u32, String)> },
}

/// What the second module answers: the file read, or why it could not be.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Read(Converted),
    Failed(Failure),
}

/// An [`Error`] of the second module, as it travels (its `&'static str` fields as text).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    EmptyFile,
    NotText { detail: String },
    Encoding { encoding: String, row: usize, offset: usize },
    InvalidOption { option: String, message: String },
    Format { message: String },
}

impl Failure {
    /// The error of `e`, which the second module gave for `file`.
    pub fn of(e: &Error) -> Failure {
        match e {
            Error::EmptyFile { .. } => Failure::EmptyFile,
            Error::NotText { detail, .. } => Failure::NotText { detail: detail.clone() },
            Error::Encoding { encoding, row, offset, .. } => Failure::Encoding { encoding: encoding.to_string(), row: *row, offset: *offset },
            Error::InvalidOption { option, message } => Failure::InvalidOption { option: option.to_string(), message: message.clone() },
            Error::Format { message, .. } => Failure::Format { message: message.clone() },
            other => Failure::Format { message: other.to_string() },
        }
    }

    /// The error as the main module reports it, for file `file`.
    pub fn into_error(self, file: &str) -> Error {
        let file = file.to_string();
        match self {
            Failure::EmptyFile => Error::EmptyFile { file },
            Failure::NotText { detail } => Error::NotText { file, detail },
            Failure::Encoding { encoding, row, offset } => Error::Encoding { file, encoding: encoding_name(&encoding), row, offset },
            Failure::InvalidOption { option, message } => Error::InvalidOption { option: OPTIONS.iter().find(|o| **o == option).copied().unwrap_or("reading"), message },
            Failure::Format { message } => Error::Format { file, message },
        }
    }
}

/// The reading options the second module can name in an error.
const OPTIONS: [&str; 4] = ["encoding", "sheet", "max_cells", "max_columns"];

/// The names of the WHATWG Encoding Standard's encodings, as encoding_rs gives them: a decoded
/// file's encoding is named by one of these in the report.
pub const ENCODING_NAMES: [&str; 40] = [
    "UTF-8",
    "IBM866",
    "ISO-8859-2",
    "ISO-8859-3",
    "ISO-8859-4",
    "ISO-8859-5",
    "ISO-8859-6",
    "ISO-8859-7",
    "ISO-8859-8",
    "ISO-8859-8-I",
    "ISO-8859-10",
    "ISO-8859-13",
    "ISO-8859-14",
    "ISO-8859-15",
    "ISO-8859-16",
    "KOI8-R",
    "KOI8-U",
    "macintosh",
    "windows-874",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "x-mac-cyrillic",
    "GBK",
    "gb18030",
    "Big5",
    "EUC-JP",
    "ISO-2022-JP",
    "Shift_JIS",
    "EUC-KR",
    "replacement",
    "UTF-16BE",
    "UTF-16LE",
    "x-user-defined",
];

/// The static name of encoding `name` ("legacy" for a name not in [`ENCODING_NAMES`] nor the
/// reader's own "UTF-8 (BOM)").
pub fn encoding_name(name: &str) -> &'static str {
    ENCODING_NAMES.iter().chain(&["UTF-8 (BOM)"]).find(|n| **n == name).copied().unwrap_or("legacy")
}

/// Whether `e` says the file needs the second module (never, where its readers are built in).
pub fn needs_converter(e: &Error) -> bool {
    #[cfg(not(all(feature = "legacy", feature = "xlsx")))]
    return matches!(e, Error::NeedsConverter { .. });
    #[cfg(all(feature = "legacy", feature = "xlsx"))]
    {
        let _ = e;
        false
    }
}

/// The second module's answer and the text that comes with it, as one byte array.
pub fn pack(answer: &Answer, text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + text.len());
    let num = |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&(n as u64).to_le_bytes());
    let put = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    match answer {
        Answer::Read(Converted::Text { encoding }) => {
            out.push(b'T');
            put(&mut out, encoding);
        }
        Answer::Read(Converted::Sheet { sheet, sheets, cells }) => {
            out.push(b'S');
            put(&mut out, sheet);
            num(&mut out, sheets.len());
            sheets.iter().for_each(|s| put(&mut out, s));
            num(&mut out, cells.len());
            for (r, c, text) in cells {
                num(&mut out, *r as usize);
                num(&mut out, *c as usize);
                put(&mut out, text);
            }
        }
        Answer::Failed(f) => {
            out.push(b'F');
            match f {
                Failure::EmptyFile => out.push(0),
                Failure::NotText { detail } => {
                    out.push(1);
                    put(&mut out, detail);
                }
                Failure::Encoding { encoding, row, offset } => {
                    out.push(2);
                    put(&mut out, encoding);
                    num(&mut out, *row);
                    num(&mut out, *offset);
                }
                Failure::InvalidOption { option, message } => {
                    out.push(3);
                    put(&mut out, option);
                    put(&mut out, message);
                }
                Failure::Format { message } => {
                    out.push(4);
                    put(&mut out, message);
                }
            }
        }
    }
    out.extend_from_slice(text);
    out
}

/// Reads [`pack`]'s fields in order.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn num(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }
    fn small(&mut self) -> Option<u32> {
        u32::try_from(self.num()?).ok()
    }
    fn text(&mut self) -> Option<String> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn answer(&mut self) -> Option<Answer> {
        Some(match self.byte()? {
            b'T' => Answer::Read(Converted::Text { encoding: self.text()? }),
            b'S' => {
                let sheet = self.text()?;
                // A name takes at least 4 bytes and a cell 20: a count beyond what the bytes can
                // hold is damage, refused before anything is allocated for it.
                let n = self.num().filter(|n| *n <= self.0.len() / 4)?;
                let sheets = (0..n).map(|_| self.text()).collect::<Option<Vec<_>>>()?;
                let n = self.num().filter(|n| *n <= self.0.len() / 20)?;
                let cells = (0..n).map(|_| Some((self.small()?, self.small()?, self.text()?))).collect::<Option<Vec<_>>>()?;
                Answer::Read(Converted::Sheet { sheet, sheets, cells })
            }
            b'F' => Answer::Failed(match self.byte()? {
                0 => Failure::EmptyFile,
                1 => Failure::NotText { detail: self.text()? },
                2 => Failure::Encoding { encoding: self.text()?, row: self.num()?, offset: self.num()? },
                3 => Failure::InvalidOption { option: self.text()?, message: self.text()? },
                4 => Failure::Format { message: self.text()? },
                _ => return None,
            }),
            _ => return None,
        })
    }
}

/// The answer and text [`pack`] packed.
///
/// # Errors
/// [`Error::Format`] naming `file` when the bytes are not such an answer.
pub fn unpack<'a>(file: &str, packed: &'a [u8]) -> Result<(Answer, &'a [u8]), Error> {
    let mut fields = Fields(packed);
    let answer = fields.answer().ok_or_else(|| Error::Format { file: file.to_string(), message: "the workbook and legacy-encoding reader gave an answer that cannot be read".into() })?;
    Ok((answer, fields.0))
}

/// Reads a workbook or a legacy-encoded text as the second module does: the [`Answer`] and the
/// text as UTF-8 (empty for a workbook), packed.
#[cfg(all(feature = "legacy", feature = "xlsx"))]
pub fn convert(file: &str, bytes: &[u8], opts: &super::ReadOptions) -> Vec<u8> {
    let opts = opts.table_options();
    if bytes.starts_with(b"PK\x03\x04") {
        return match super::table::xlsx_cells(file, bytes, &opts) {
            Ok((sheet, sheets, cells)) => pack(&Answer::Read(Converted::Sheet { sheet, sheets, cells }), &[]),
            Err(e) => pack(&Answer::Failed(Failure::of(&e)), &[]),
        };
    }
    match super::text::decode_with(file, bytes, opts.encoding.as_deref()) {
        Ok(d) => pack(&Answer::Read(Converted::Text { encoding: d.encoding.to_string() }), d.text.as_bytes()),
        Err(e) => pack(&Answer::Failed(Failure::of(&e)), &[]),
    }
}

#[cfg(all(test, feature = "legacy", feature = "xlsx"))]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_encoding_rs_own() {
        for name in ENCODING_NAMES {
            let e = encoding_rs::Encoding::for_label(name.as_bytes()).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(e.name(), name);
        }
        assert_eq!(encoding_name("GBK"), "GBK");
        assert_eq!(encoding_name("nonsense"), "legacy");
    }

    /// Every file of the reading corpus read through the second module's answer (packed and
    /// unpacked, as between the two modules) reads as the file itself: the same records, the same
    /// account (encoding, sheet, rejected rows), or the same error.
    #[test]
    fn converted_files_read_as_the_files_themselves() {
        use crate::input::{read_input, InputFile, InputKind, ReadOptions};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/input");
        let mut legacy_or_sheet = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".json") && name.contains(".expect") {
                continue;
            }
            let expect: serde_json::Value = match std::fs::read(path.with_file_name(format!("{name}.expect.json"))) {
                Ok(b) => serde_json::from_slice(&b).unwrap(),
                Err(_) => continue,
            };
            let opts: ReadOptions = serde_json::from_value(expect["options"].clone()).unwrap_or_default();
            let kind = expect["kind"].as_str().and_then(|k| serde_json::from_value(serde_json::Value::String(k.into())).ok()).unwrap_or(InputKind::Orders);
            let bytes = std::fs::read(&path).unwrap();
            // A file refused for its size (or that option's value) never reaches the second module.
            if crate::input::check_size(&name, bytes.len() as u64, &opts).is_err() {
                continue;
            }
            let file = InputFile::new(&name, kind, &bytes).with_options(opts.clone());
            let direct = read_input(&file, &opts, &mut |_| {});
            let packed = convert(&name, &bytes, &opts);
            let (answer, text) = unpack(&name, &packed).unwrap();
            let via = match &answer {
                Answer::Read(c) => {
                    if bytes.starts_with(b"PK") || std::str::from_utf8(&bytes).is_err() {
                        legacy_or_sheet += 1;
                    }
                    let mut f = InputFile::new(&name, kind, text).with_options(opts.clone());
                    f.converted = Some(c);
                    read_input(&f, &opts, &mut |_| {})
                }
                Answer::Failed(e) => Err(e.clone().into_error(&name)),
            };
            match (&direct, &via) {
                // As text: a file without amounts has NaN totals, which never equal themselves.
                (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}: the converted file reads differently"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{name}"),
                _ => panic!("{name}: {direct:?} / {via:?}"),
            }
        }
        assert!(legacy_or_sheet >= 8, "only {legacy_or_sheet} workbooks and legacy texts in the corpus");
    }

    #[test]
    fn errors_travel_unchanged() {
        for e in [
            Error::EmptyFile { file: "f".into() },
            Error::NotText { file: "f".into(), detail: "an image".into() },
            Error::Encoding { file: "f".into(), encoding: "Big5", row: 3, offset: 41 },
            Error::InvalidOption { option: "sheet", message: "no sheet 'x'".into() },
            Error::Format { file: "f".into(), message: "broken".into() },
        ] {
            let packed = pack(&Answer::Failed(Failure::of(&e)), &[]);
            let (answer, rest) = unpack("f", &packed).unwrap();
            assert!(rest.is_empty());
            let Answer::Failed(f) = answer else { panic!("{answer:?}") };
            assert_eq!(f.into_error("f"), e);
        }
        assert!(matches!(unpack("f", &[9, 0, 0, 0, b'{']), Err(Error::Format { .. })));
        assert!(matches!(unpack("f", &[1]), Err(Error::Format { .. })));
        assert!(matches!(unpack("f", b"T\x09\0\0\0GBK"), Err(Error::Format { .. })), "a string longer than the bytes");
        assert!(matches!(unpack("f", b"F\x07"), Err(Error::Format { .. })));
        // A count of cells far beyond the bytes is refused, not allocated.
        let mut huge = vec![b'S', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        huge.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(unpack("f", &huge), Err(Error::Format { .. })));
    }

    #[test]
    fn answers_travel_unchanged() {
        let sheet = Answer::Read(Converted::Sheet { sheet: "订单".into(), sheets: vec!["订单".into(), "b".into()], cells: vec![(0, 0, "id".into()), (4, 16_383, "".into())] });
        for (answer, text) in [(sheet, &b""[..]), (Answer::Read(Converted::Text { encoding: "GBK".into() }), "客户,金额\n".as_bytes())] {
            let packed = pack(&answer, text);
            assert_eq!(unpack("f", &packed).unwrap(), (answer, text));
        }
    }
}
