//! PDF files with a text layer: the text, with the lines the page layout wrapped joined back
//! into paragraphs.
//!
//! Why the rejoining: a PDF knows glyph positions, not paragraphs, so its text comes out one
//! printed line at a time. The extractor reads a line as a paragraph (a phrase never runs
//! across a line break), so a sentence wrapped over two printed lines would lose the phrase
//! that straddles the wrap. A printed line that fills the text width continues on the next
//! line; a shorter one ends its paragraph. Lines holding only a page number are dropped.
//!
//! The PDF library may panic on damaged files; that is caught and reported as a reason for
//! skipping the file. (A panic is caught; a stack overflow or an endless loop inside the
//! library would not be, and fuzzing has found neither so far.) Scanned PDFs (images without
//! text) are named as such.

use super::corpus::{ReadError, ReadText, Reader};

/// `.pdf` files.
pub struct PdfReader;

impl Reader for PdfReader {
    fn reads_a_prefix(&self) -> bool {
        false
    }
    fn name(&self) -> &'static str {
        "PDF"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["pdf"]
    }
    fn read(&self, bytes: &[u8]) -> Result<ReadText, ReadError> {
        let head = &bytes[..bytes.len().min(1024)];
        if memchr::memmem::find(head, b"%PDF-").is_none() {
            return Err(ReadError::Format(
                "not a PDF (the file has no %PDF header)".to_owned(),
            ));
        }
        let lines = std::panic::catch_unwind(|| printed_lines(bytes))
            .map_err(|_| {
                ReadError::Format(
                    "the PDF could not be read (it is damaged or uses features baocao does not read)"
                        .to_owned(),
                )
            })?
            .map_err(|e| ReadError::Format(format!("the PDF could not be read: {e}")))?;
        let text = paragraphs(&lines);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 20 {
            return Err(ReadError::Format(
                "the PDF has no text layer (a scan?): baocao reads PDFs that contain text"
                    .to_owned(),
            ));
        }
        Ok(ReadText {
            text: crate::text::nfc_owned(text),
            encoding: "PDF text".to_owned(),
            note: None,
        })
    }
}

/// One printed line: where it stands on its page and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintedLine {
    pub page: u32,
    /// Baseline height (PDF units, upwards) and horizontal extent.
    pub y: f64,
    pub x0: f64,
    pub x1: f64,
    /// Glyph size in PDF units.
    pub size: f64,
    pub text: String,
}

/// Collects glyphs into printed lines (a new line where the baseline moves by half a glyph).
#[derive(Default)]
struct LineCollector {
    lines: Vec<PrintedLine>,
    page: u32,
    word_start: bool,
}

impl pdf_extract::OutputDev for LineCollector {
    fn begin_page(
        &mut self,
        page_num: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.page = page_num;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let (x, y) = (trm.m31, trm.m32);
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt().max(0.1);
        let new_line = match self.lines.last() {
            Some(l) => l.page != self.page || (y - l.y).abs() > size * 0.5 || x + size < l.x0,
            None => true,
        };
        if new_line {
            self.lines.push(PrintedLine {
                page: self.page,
                y,
                x0: x,
                x1: x,
                size,
                text: String::new(),
            });
        }
        if let Some(l) = self.lines.last_mut() {
            if !new_line && self.word_start && x > l.x1 + size * 0.1 {
                l.text.push(' ');
            }
            l.text.push_str(char);
            l.x1 = l.x1.max(x + width * size);
            l.size = l.size.max(size);
        }
        self.word_start = false;
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// The printed lines of every page, in the order the pages draw them.
fn printed_lines(bytes: &[u8]) -> Result<Vec<PrintedLine>, pdf_extract::OutputError> {
    let mut doc = pdf_extract::Document::load_mem(bytes)?;
    if doc.is_encrypted() {
        // Many PDFs are "encrypted" with an empty password only to restrict printing.
        doc.decrypt("")?;
    }
    let mut c = LineCollector::default();
    pdf_extract::output_doc(&doc, &mut c)?;
    Ok(c.lines)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

/// Joins printed lines into paragraphs (see the module's doc), separated by blank lines like
/// a pasted report. A line goes on into the next when it reaches the right edge of the text,
/// the next starts at the left edge without an indent, in the same size, at the usual
/// line spacing (or at the top of the next page).
pub fn paragraphs(lines: &[PrintedLine]) -> String {
    // A page number is the first or last line of its page, never a figure in the text.
    let edge = |k: usize| {
        let page = lines[k].page;
        k == 0 || lines[k - 1].page != page || lines.get(k + 1).is_none_or(|n| n.page != page)
    };
    let lines: Vec<PrintedLine> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let page_number = edge(k) && is_page_number(&text);
            PrintedLine {
                text: if page_number { String::new() } else { text },
                ..l.clone()
            }
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    let left = median(lines.iter().map(|l| l.x0).collect()).unwrap_or(0.0);
    let right = {
        let mut r: Vec<f64> = lines.iter().map(|l| l.x1).collect();
        r.sort_by(f64::total_cmp);
        r.get(r.len() * 9 / 10).copied().unwrap_or(0.0)
    };
    let spacing = median(
        lines
            .windows(2)
            .filter(|w| w[0].page == w[1].page && w[0].y > w[1].y)
            .map(|w| w[0].y - w[1].y)
            .collect(),
    )
    .unwrap_or(0.0);
    let mut out = String::new();
    for (k, l) in lines.iter().enumerate() {
        if k > 0 {
            let p = &lines[k - 1];
            let full = p.x1 >= right - (right - left) * 0.08;
            let no_indent = l.x0 <= left + l.size;
            let same_size = (l.size - p.size).abs() <= p.size * 0.1;
            // On the next page, only its first line continues the paragraph.
            let close = if l.page == p.page {
                p.y > l.y && p.y - l.y <= spacing * 1.25
            } else {
                true
            };
            out.push_str(if full && no_indent && same_size && close {
                " "
            } else {
                "\n\n"
            });
        }
        out.push_str(&l.text);
    }
    out.push('\n');
    out
}

/// "3", "- 3 -", "Trang 3", "3/12": a page number, not text.
fn is_page_number(l: &str) -> bool {
    let t = l
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .trim_start_matches("Trang ")
        .trim_start_matches("trang ");
    !t.is_empty()
        && t.len() <= 9
        && t.chars().all(|c| c.is_ascii_digit() || c == '/')
        && t.matches('/').count() <= 1
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: u32, y: f64, x0: f64, x1: f64, text: &str) -> PrintedLine {
        PrintedLine {
            page,
            y,
            x0,
            x1,
            size: 11.0,
            text: text.to_owned(),
        }
    }

    #[test]
    fn wrapped_lines_join_and_paragraph_ends_break() {
        let lines = vec![
            line(1, 800.0, 50.0, 300.0, "Tiêu đề ngắn"),
            line(
                1,
                780.0,
                50.0,
                545.0,
                "Đến ngày 23/9, quận Ô Môn có 433 ca COVID-19, đã tiêm được",
            ),
            line(
                1,
                766.0,
                50.0,
                544.0,
                "22.248 liều vắc xin. Hiện quận phong tỏa 99 điểm, với 2.008",
            ),
            line(1, 752.0, 50.0, 200.0, "hộ, 4.435 nhân khẩu."),
            // Indented: a new paragraph even right after a full line.
            line(
                1,
                738.0,
                50.0,
                546.0,
                "Một đoạn khác kín dòng cũng kết thúc bằng dấu chấm ở cuối.",
            ),
            line(1, 724.0, 70.0, 300.0, "Đoạn thụt đầu dòng."),
            line(1, 731.0, 50.0, 80.0, "433"),
            line(1, 30.0, 290.0, 300.0, "- 2 -"),
            line(
                2,
                800.0,
                50.0,
                545.0,
                "Sang trang, dòng đầy đủ chiều rộng tiếp tục ở dòng sau,",
            ),
            line(2, 786.0, 50.0, 120.0, "hết đoạn."),
        ];
        let t = paragraphs(&lines);
        assert_eq!(
            t,
            "Tiêu đề ngắn\n\nĐến ngày 23/9, quận Ô Môn có 433 ca COVID-19, đã tiêm được 22.248 liều vắc xin. Hiện quận phong tỏa 99 điểm, với 2.008 hộ, 4.435 nhân khẩu.\n\nMột đoạn khác kín dòng cũng kết thúc bằng dấu chấm ở cuối.\n\nĐoạn thụt đầu dòng.\n\n433\n\nSang trang, dòng đầy đủ chiều rộng tiếp tục ở dòng sau, hết đoạn.\n"
        );
    }

    #[test]
    fn files_that_are_not_pdfs_or_are_damaged_get_a_reason() {
        let e = PdfReader.read(b"hello").unwrap_err().to_string();
        assert!(e.contains("not a PDF"), "{e}");
        let e = PdfReader
            .read(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
            .unwrap_err()
            .to_string();
        assert!(e.contains("PDF"), "{e}");
    }
}
