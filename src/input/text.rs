//! Bytes -> text, and the delimiter of a delimited text file.

use crate::Error;
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read as.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes UTF-8 (with or without byte-order mark) and UTF-16 LE/BE with a byte-order mark,
/// and detects legacy encodings (GB18030/GBK, Big5, Windows-1252, ...). See [`decode_with`].
///
/// # Errors
/// [`Error::EmptyFile`] for zero bytes; [`Error::Encoding`] naming the row and byte offset of the
/// first byte that is not valid in the detected encoding.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, Error> {
    decode_with(file, bytes, None)
}

/// Decodes `bytes` as `forced` (an encoding label such as `gbk`, `big5`, `windows-1252`,
/// `utf-16le`) or, without it, as detected: byte-order mark, then UTF-8, then UTF-16 without a
/// mark (many NUL bytes in alternate positions), then the legacy encoding `chardetng` guesses.
/// A file whose first non-ASCII text is valid UTF-8 is UTF-8: a later invalid byte is an error,
/// never a U+FFFD.
///
/// # Errors
/// [`Error::EmptyFile`], [`Error::NotText`] (binary data), [`Error::InvalidOption`] (unknown
/// label), [`Error::Encoding`] (file, row, byte offset of the first undecodable byte).
pub fn decode_with<'a>(file: &str, bytes: &'a [u8], forced: Option<&str>) -> Result<Decoded<'a>, Error> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::EmptyFile { file: file.to_string() });
    }
    if let Some(label) = forced.map(str::trim).filter(|l| !l.is_empty()) {
        return match forced_encoding(file, label)? {
            Forced::Utf8 => match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                Some(rest) => utf8(file, rest, 3).map(|text| Decoded { text, encoding: "UTF-8 (BOM)" }),
                None => utf8(file, bytes, 0).map(|text| Decoded { text, encoding: "UTF-8" }),
            },
            Forced::Utf16Le => {
                let (rest, skip) = bytes.strip_prefix(&[0xFF, 0xFE]).map_or((bytes, 0), |r| (r, 2));
                utf16(file, rest, skip, u16::from_le_bytes, "UTF-16LE")
            }
            Forced::Utf16Be => {
                let (rest, skip) = bytes.strip_prefix(&[0xFE, 0xFF]).map_or((bytes, 0), |r| (r, 2));
                utf16(file, rest, skip, u16::from_be_bytes, "UTF-16BE")
            }
            #[cfg(feature = "legacy")]
            Forced::Legacy(enc) => legacy(file, bytes, enc),
        };
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(file, rest, 3).map(|text| Decoded { text, encoding: "UTF-8 (BOM)" });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(file, rest, 2, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(file, rest, 2, u16::from_be_bytes, "UTF-16BE");
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        // UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte.
        let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
        let half = head.len() / 2;
        let (even, odd) = (zeros(0), zeros(1));
        if odd * 10 >= half * 7 && even * 10 < half {
            return utf16(file, bytes, 0, u16::from_le_bytes, "UTF-16LE");
        }
        if even * 10 >= half * 7 && odd * 10 < half {
            return utf16(file, bytes, 0, u16::from_be_bytes, "UTF-16BE");
        }
        return Err(Error::NotText { file: file.to_string(), detail: binary_detail(bytes) });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: Cow::Borrowed(s), encoding: "UTF-8" }),
        Err(e) => {
            let at = e.valid_up_to();
            if !bytes[..at].is_ascii() {
                // Valid UTF-8 text before the bad byte: a damaged UTF-8 file, not another encoding.
                return utf8(file, bytes, 0).map(|text| Decoded { text, encoding: "UTF-8" });
            }
            detected_legacy(file, bytes, at)
        }
    }
}

/// An encoding named by the reading option.
enum Forced {
    Utf8,
    Utf16Le,
    Utf16Be,
    #[cfg(feature = "legacy")]
    Legacy(&'static encoding_rs::Encoding),
}

#[cfg(feature = "legacy")]
fn forced_encoding(_file: &str, label: &str) -> Result<Forced, Error> {
    use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8};
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| Error::InvalidOption {
        option: "encoding",
        message: format!("unknown encoding '{label}' (known: utf-8, utf-16le, utf-16be, gb18030, gbk, big5, windows-1252, shift_jis, ...)"),
    })?;
    Ok(if enc == UTF_8 {
        Forced::Utf8
    } else if enc == UTF_16LE {
        Forced::Utf16Le
    } else if enc == UTF_16BE {
        Forced::Utf16Be
    } else {
        Forced::Legacy(enc)
    })
}

/// Without the legacy encodings: the Encoding Standard's labels of UTF-8 and UTF-16; any other
/// label is for the module that has them (which also refuses an unknown one).
#[cfg(not(feature = "legacy"))]
fn forced_encoding(file: &str, label: &str) -> Result<Forced, Error> {
    match label.to_ascii_lowercase().as_str() {
        "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8" | "x-unicode20utf8" => Ok(Forced::Utf8),
        "csunicode" | "iso-10646-ucs-2" | "ucs-2" | "unicode" | "unicodefeff" | "utf-16" | "utf-16le" => Ok(Forced::Utf16Le),
        "unicodefffe" | "utf-16be" => Ok(Forced::Utf16Be),
        _ => Err(Error::NeedsConverter { file: file.to_string(), what: "legacy-encoded text" }),
    }
}

/// A text whose first byte outside ASCII, at `at`, is not UTF-8: decoded as the legacy encoding
/// `chardetng` guesses from the text from there.
#[cfg(feature = "legacy")]
fn detected_legacy<'a>(file: &str, bytes: &'a [u8], at: usize) -> Result<Decoded<'a>, Error> {
    let mut detector = chardetng::EncodingDetector::new();
    let end = bytes.len().min(at + (1 << 20));
    detector.feed(&bytes[at..end], true);
    let enc = detector.guess(None, false);
    legacy(file, bytes, enc)
}

#[cfg(not(feature = "legacy"))]
fn detected_legacy<'a>(file: &str, _bytes: &'a [u8], _at: usize) -> Result<Decoded<'a>, Error> {
    Err(Error::NeedsConverter { file: file.to_string(), what: "legacy-encoded text" })
}

/// What a binary file probably is, for the error message.
fn binary_detail(bytes: &[u8]) -> String {
    let what = if bytes.starts_with(b"%PDF") {
        "a PDF document"
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"GIF8") {
        "an image"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "an old Excel .xls workbook (save it as .xlsx or CSV)"
    } else if bytes.starts_with(b"PK") {
        "a zip archive"
    } else {
        "binary data"
    };
    format!("the file is not text: it looks like {what}; export the data as CSV, JSON or .xlsx")
}

/// Decodes a legacy (non-Unicode) encoding without replacement characters.
#[cfg(feature = "legacy")]
fn legacy<'a>(file: &str, bytes: &'a [u8], enc: &'static encoding_rs::Encoding) -> Result<Decoded<'a>, Error> {
    use encoding_rs::DecoderResult;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(cap);
    let mut pos = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(bad, extra) => {
                let offset = pos.saturating_sub(bad as usize + extra as usize);
                let row = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
                return Err(Error::Encoding { file: file.to_string(), encoding: enc.name(), row, offset });
            }
        }
    }
    Ok(Decoded { text: Cow::Owned(out), encoding: enc.name() })
}

fn utf8<'a>(file: &str, bytes: &'a [u8], skipped: usize) -> Result<Cow<'a, str>, Error> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let at = e.valid_up_to();
            let row = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            Err(Error::Encoding { file: file.to_string(), encoding: "UTF-8", row, offset: at + skipped })
        }
    }
}

fn utf16<'a>(file: &str, bytes: &'a [u8], skipped: usize, unit: fn([u8; 2]) -> u16, encoding: &'static str) -> Result<Decoded<'a>, Error> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut row = 1;
    for (i, ch) in char::decode_utf16(units).enumerate() {
        match ch {
            Ok(c) => {
                if c == '\n' {
                    row += 1;
                }
                text.push(c)
            }
            Err(_) => return Err(Error::Encoding { file: file.to_string(), encoding, row, offset: skipped + 2 * i }),
        }
    }
    // UTF-16 comes in pairs of bytes: a lone last byte is a cut-off file, not text to drop.
    if bytes.len() % 2 == 1 {
        return Err(Error::Encoding { file: file.to_string(), encoding, row, offset: skipped + bytes.len() - 1 });
    }
    Ok(Decoded { text: Cow::Owned(text), encoding })
}

/// Picks the delimiter of a delimited text file from its first line: whichever of comma,
/// semicolon, tab and pipe occurs most often outside double quotes (comma on a tie or none).
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = candidates.iter().position(|&c| c == b) {
                counts[i] += 1;
            }
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

/// A readable name for a delimiter byte.
pub fn delimiter_name(d: u8) -> &'static str {
    match d {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}

/// `f` of `s` lower-cased (Unicode rules, as `str::to_lowercase`), without a heap allocation
/// when the lower-cased text fits in 64 bytes: the readers compare short cells (statuses,
/// ratings, placeholders, yes/no answers) on every row, and a `String` per cell was a tenth of
/// the read time. Text already in lower case is passed as it is.
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(s);
        }
        if let Some(b) = buf.get_mut(..s.len()) {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            // ASCII in, ASCII out.
            return f(std::str::from_utf8(b).unwrap_or(s));
        }
    }
    // (Titlecase letters such as ǅ are not upper case, yet lower-case to another letter.)
    if s.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))) {
        return f(s);
    }
    // A capital sigma's lower case depends on its place in the word: the standard library's.
    if s.contains('Σ') {
        return f(&s.to_lowercase());
    }
    let mut len = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        if len + n > buf.len() {
            return f(&s.to_lowercase());
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
    }
    // Whole characters were written, so the bytes are UTF-8.
    match std::str::from_utf8(&buf[..len]) {
        Ok(l) => f(l),
        Err(_) => f(&s.to_lowercase()),
    }
}

/// `s.trim()`, with the usual cell (first and last byte printable ASCII) returned at once: the
/// readers trim every cell of every row, and the general Unicode trim was a noticeable part of
/// reading a large file.
///
/// ```
/// # use loyalty_scorecard::input::text::trim;
/// assert_eq!(trim("  a b\u{3000}"), "a b");
/// assert_eq!(trim("ab"), "ab");
/// assert_eq!(trim(""), "");
/// ```
#[inline]
pub fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn with_lowercase_is_to_lowercase() {
        let (long, ascii) = ("É".repeat(40), "AB".repeat(40));
        for s in ["", "abc", "Refunded", "GUEST", "İstanbul", "ΟΔΟΣ Σ", "Gast", "Storniert", "交易关闭", "ẞ", long.as_str(), ascii.as_str(), "4 Stars", "C00001", "ǅ", "ǈx"] {
            assert_eq!(super::with_lowercase(s, str::to_string), s.to_lowercase(), "{s}");
        }
    }

    use super::*;

    #[test]
    fn an_odd_trailing_byte_in_utf16_is_an_error_at_its_offset() {
        let mut le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("a,b\nc,d".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        le.push(b'x');
        let n = le.len();
        match decode("cut.csv", &le) {
            Err(Error::Encoding { file, encoding, row, offset }) => assert_eq!((file.as_str(), encoding, row, offset), ("cut.csv", "UTF-16LE", 2, n - 1)),
            Err(e) => panic!("{e}"),
            Ok(d) => panic!("read as {:?}", d.text),
        }
    }

    #[test]
    fn decodes_utf8_bom_and_utf16() {
        assert_eq!(decode("f", b"\xEF\xBB\xBFa,b").unwrap().text, "a,b");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("客户,x".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let d = decode("f", &le).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("客户,x", "UTF-16LE"));
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("ab".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode("f", &be).unwrap().text, "ab");
    }

    #[test]
    fn invalid_utf8_names_row_and_offset() {
        // UTF-8 text before the bad byte: a damaged UTF-8 file.
        let err = decode("shop.csv", "名,b\n1,2\n3,\u{0}".replace('\u{0}', "").as_bytes().iter().copied().chain([0xFF, b'\n']).collect::<Vec<u8>>().as_slice()).err().unwrap();
        assert_eq!(err, Error::Encoding { file: "shop.csv".into(), encoding: "UTF-8", row: 3, offset: 12 });
        // ASCII before it: a legacy encoding (here Windows-1252), decoded without loss.
        let d = decode("shop.csv", b"a,b\n1,M\xFCller\n").unwrap();
        assert_eq!((d.text.as_ref(), d.encoding), ("a,b\n1,M\u{fc}ller\n", "windows-1252"));
        // Bytes that are invalid in the forced encoding: file, row and byte offset.
        let err = decode_with("big5.csv", b"a\n\xA4\x40\n\xFF\xFF\n", Some("big5")).err().unwrap();
        assert_eq!(err, Error::Encoding { file: "big5.csv".into(), encoding: "Big5", row: 3, offset: 5 });
        assert!(matches!(decode("x.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(Error::NotText { .. })));
        assert_eq!(decode("e.csv", b"").err().unwrap(), Error::EmptyFile { file: "e.csv".into() });
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a,b,c\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c"), b'|');
        assert_eq!(sniff_delimiter("\"x,y\";b"), b';');
        assert_eq!(sniff_delimiter("single"), b',');
    }
}
