//! Word documents (`.docx`): the paragraphs and tables of `word/document.xml` as plain text.
//!
//! Why limits first: a DOCX is a zip archive, and a small archive can unpack to gigabytes (a
//! zip bomb). The archive's entry count, the document's declared size and compression ratio
//! (before reading) and its actual unpacked size (while reading) are all bounded; anything
//! over a bound is refused with the reason. Only `word/document.xml` is read: no macros,
//! embedded objects or external links are opened.
//!
//! The text is laid out like a pasted report: one paragraph per line with a blank line
//! between paragraphs, and table rows as tab-separated lines.

use super::corpus::{ReadError, ReadText, Reader};
use super::html::{collapse, decode_entities, parse_tag, push_lines};
use std::io::Read;

/// Bounds on what a DOCX may unpack to.
pub const MAX_ENTRIES: usize = 10_000;
/// The document's XML, unpacked (a 300-page report is a few megabytes).
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Unpacked size over packed size; text compresses about 5 to 20 times.
pub const MAX_RATIO: u64 = 200;

/// `.docx` files.
pub struct DocxReader;

impl Reader for DocxReader {
    fn reads_a_prefix(&self) -> bool {
        false
    }
    fn name(&self) -> &'static str {
        "Word document"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["docx"]
    }
    fn read(&self, bytes: &[u8]) -> Result<ReadText, ReadError> {
        let xml = document_xml(bytes)?;
        let text = document_text(&xml);
        if text.trim().is_empty() {
            return Err(ReadError::Format(
                "the Word document has no text".to_owned(),
            ));
        }
        Ok(ReadText {
            text: crate::text::nfc_owned(text),
            encoding: "DOCX (UTF-8)".to_owned(),
            note: None,
        })
    }
}

fn format_err(msg: impl Into<String>) -> ReadError {
    ReadError::Format(msg.into())
}

/// Unpacks `word/document.xml` within the bounds above.
fn document_xml(bytes: &[u8]) -> Result<String, ReadError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format_err(format!(
            "not a Word document (the zip archive is unreadable: {e})"
        ))
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format_err(format!(
            "the Word document has {} parts (the limit is {MAX_ENTRIES}): refused",
            zip.len()
        )));
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| format_err("not a Word document (it has no word/document.xml)"))?;
    let (size, packed) = (entry.size(), entry.compressed_size());
    if size > MAX_XML_BYTES {
        return Err(format_err(format!(
            "the Word document would unpack to {} MB (the limit is {} MB): refused as a possible zip bomb",
            size / (1024 * 1024),
            MAX_XML_BYTES / (1024 * 1024)
        )));
    }
    if packed > 0 && size / packed > MAX_RATIO {
        return Err(format_err(format!(
            "the Word document is compressed {}:1 (the limit is {MAX_RATIO}:1): refused as a possible zip bomb",
            size / packed
        )));
    }
    // The declared size may lie: never read more than the bound.
    let mut xml = Vec::with_capacity(size as usize);
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format_err(format!("the Word document is damaged: {e}")))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(format_err(
            "the Word document unpacks to more than it declares: refused as a possible zip bomb",
        ));
    }
    String::from_utf8(xml).map_err(|e| {
        format_err(format!(
            "the Word document's text is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The text of a WordprocessingML body.
pub fn document_text(xml: &str) -> String {
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut para = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut table_depth = 0usize;
    let mut in_text = false;
    // Inside a run (<w:r>): a <w:tab/> there is a tab character; in paragraph properties it
    // is a tab stop. Inside a skipped part: the fallback copy of alternate content, and text
    // moved away (its copy at the new place is read).
    let mut run_depth = 0usize;
    let mut skip_depth = 0usize;
    let b = xml.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|x| i + x) else {
            break;
        };
        if in_text && skip_depth == 0 && lt > i {
            let t = decode_entities(&xml[i..lt]);
            if table_depth > 0 {
                cell.push_str(&t);
            } else {
                para.push_str(&t);
            }
        }
        let Some((tag, len)) = parse_tag(&xml[lt..]) else {
            i = lt + 1;
            continue;
        };
        i = lt + len;
        let target = if table_depth > 0 {
            &mut cell
        } else {
            &mut para
        };
        // (Tag names come lower-cased.)
        let skipped_part = matches!(tag.name.as_str(), "mc:fallback" | "w:movefrom");
        if skipped_part && !tag.self_closing {
            if tag.closing {
                skip_depth = skip_depth.saturating_sub(1);
            } else {
                skip_depth += 1;
            }
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("w:r", false) if !tag.self_closing => run_depth += 1,
            ("w:r", true) => run_depth = run_depth.saturating_sub(1),
            ("w:t", false) => in_text = !tag.self_closing,
            ("w:t", true) => in_text = false,
            ("w:tab", false) if run_depth > 0 && skip_depth == 0 => target.push('\t'),
            ("w:br" | "w:cr", false) => target.push(' '),
            ("w:p", true) => {
                if table_depth > 0 {
                    cell.push(' ');
                } else {
                    // Line breaks written as character references (&#10;, &#13;) are spaces
                    // inside a paragraph; tabs stay, as the cell separators they are.
                    let t = collapse(&para.replace(['\r', '\n'], " "));
                    if !t.is_empty() {
                        lines.push((t, false));
                    }
                    para.clear();
                }
            }
            ("w:tbl", false) => table_depth += 1,
            ("w:tbl", true) => table_depth = table_depth.saturating_sub(1),
            ("w:tc", true) => {
                row.push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
                cell.clear();
            }
            ("w:tr", true) => {
                if row.iter().any(|c| !c.is_empty()) {
                    lines.push((row.join("\t"), true));
                }
                row.clear();
            }
            _ => {}
        }
    }
    let mut out = String::new();
    push_lines(&mut out, lines.iter().map(|(t, row)| (t.as_str(), *row)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str, method: zip::CompressionMethod) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            z.start_file("word/document.xml", opts).unwrap();
            z.write_all(document.as_bytes()).unwrap();
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Quận Ô Môn có 433 ca</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Đã tiêm được </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>22.248</w:t></w:r><w:r><w:t xml:space="preserve"> liều &amp; hơn.</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Phường</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Ca</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Châu Văn Liêm</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>120</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_runs_and_tables_become_lines() {
        let r = DocxReader
            .read(&docx(DOC, zip::CompressionMethod::Deflated))
            .unwrap();
        assert_eq!(
            r.text,
            "Quận Ô Môn có 433 ca\n\nĐã tiêm được 22.248 liều & hơn.\n\nPhường\tCa\nChâu Văn Liêm\t120\n"
        );
    }

    #[test]
    fn tab_stops_fallbacks_and_moved_text_are_not_text() {
        let xml = r#"<w:document><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Có 12 ca</w:t></w:r></w:p>
<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>hình</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>hình</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
<w:p><w:moveFrom><w:r><w:t>cũ</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>mới</w:t></w:r></w:moveTo></w:p>
</w:body></w:document>"#;
        assert_eq!(document_text(xml), "Có 12 ca\n\nhình\n\nmới\n");
    }

    #[test]
    fn a_zip_bomb_is_refused_with_the_reason() {
        let huge = format!(
            "<w:document><w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>",
            "0".repeat(8 * 1024 * 1024)
        );
        let err = DocxReader
            .read(&docx(&huge, zip::CompressionMethod::Deflated))
            .unwrap_err()
            .to_string();
        assert!(err.contains("zip bomb"), "{err}");
    }

    #[test]
    fn files_that_are_not_word_documents_say_so() {
        let err = DocxReader
            .read(b"PK\x03\x04 not really")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a Word document"), "{err}");
        let other = {
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut z = zip::ZipWriter::new(&mut buf);
            z.start_file("x.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(b"hello").unwrap();
            z.finish().unwrap();
            buf.into_inner()
        };
        let err = DocxReader.read(&other).unwrap_err().to_string();
        assert!(err.contains("no word/document.xml"), "{err}");
    }
}
