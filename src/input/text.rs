//! Bytes -> text, and the delimiter of a delimited text file.

use crate::Error;
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read as.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes UTF-8 (with or without byte-order mark) and UTF-16 LE/BE with a byte-order mark.
///
/// # Errors
/// [`Error::EmptyFile`] for zero bytes; [`Error::Encoding`] naming the row and byte offset of the
/// first byte that is not valid UTF-8.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Decoded<'a>, Error> {
    if bytes.is_empty() {
        return Err(Error::EmptyFile { file: file.to_string() });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(file, rest, 3).map(|text| Decoded { text, encoding: "UTF-8 (BOM)" });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(file, rest, u16::from_le_bytes, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(file, rest, u16::from_be_bytes, "UTF-16BE");
    }
    utf8(file, bytes, 0).map(|text| Decoded { text, encoding: "UTF-8" })
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

fn utf16<'a>(
    file: &str,
    bytes: &'a [u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
) -> Result<Decoded<'a>, Error> {
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
            Err(_) => {
                return Err(Error::Encoding { file: file.to_string(), encoding, row, offset: 2 + 2 * i })
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let err = decode("shop.csv", b"a,b\n1,2\n3,\xFF\n").err().unwrap();
        assert_eq!(err, Error::Encoding { file: "shop.csv".into(), encoding: "UTF-8", row: 3, offset: 10 });
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
